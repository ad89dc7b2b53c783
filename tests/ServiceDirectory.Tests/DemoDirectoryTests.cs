using SocialPrescribing.Geography;
using SocialPrescribing.ServiceDirectory.Infrastructure.Seed;

namespace SocialPrescribing.ServiceDirectory.Tests;

public sealed class DemoDirectoryTests
{
    private static readonly IReadOnlyDictionary<string, Guid> Terms = NeedsTaxonomy.Terms.ToDictionary(t => t.Code, t => t.Id);
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_same_seed_gives_the_same_directory()
    {
        var first = DemoDirectory.Create(240, Terms, Now);
        var second = DemoDirectory.Create(240, Terms, Now);

        Assert.Equal(first.Services.Select(s => (s.Id, s.Name, s.OrganizationId, s.CapacityAvailable)),
                     second.Services.Select(s => (s.Id, s.Name, s.OrganizationId, s.CapacityAvailable)));
        Assert.Equal(first.Locations.Select(l => (l.Id, l.Latitude, l.Longitude)), second.Locations.Select(l => (l.Id, l.Latitude, l.Longitude)));
    }

    [Fact]
    public void Two_hundred_and_forty_services_cover_every_need_in_every_town_with_unique_names_and_ids()
    {
        var demo = DemoDirectory.Create(240, Terms, Now);

        Assert.Equal(240, demo.Services.Count);
        Assert.Equal(240, demo.Services.Select(s => s.Name).Distinct().Count());
        Assert.Equal(240, demo.Services.Select(s => s.Id).Distinct().Count());
        var needs = demo.Services.SelectMany(s => s.Attributes).Select(a => a.TaxonomyTermId).Distinct().Count();
        Assert.Equal(NeedsTaxonomy.Terms.Count, needs);
        Assert.True(demo.Locations.Select(l => l.Addresses[0].City).Distinct().Count() >= 8);
        Assert.All(demo.Services, s => Assert.True(s.CapacityAvailable <= s.CapacityMaximum));
        // The development users "provider" and "provider2" work for the first and second organisations.
        var first = Assert.Single(demo.Organizations, o => o.Id == DemoDirectory.FirstOrganizationId);
        Assert.Single(demo.Organizations, o => o.Id == DemoDirectory.SecondOrganizationId);
        Assert.Equal("Leeds Community Connect", first.Name);
        Assert.Contains(demo.Services, s => s.OrganizationId == first.Id);
    }

    [Fact]
    public void Every_place_is_within_two_kilometres_of_its_postcode_district_centre()
    {
        foreach (var location in DemoDirectory.Create(240, Terms, Now).Locations)
        {
            var address = location.Addresses[0];
            var centre = PostcodeDistricts.CentreOf(address.PostalCode)!.Value;
            Assert.InRange(centre.MetresTo(new GeoPoint(location.Latitude!.Value, location.Longitude!.Value)), 0, 2_000);
        }
    }
}

public sealed class PostcodeDistrictsTests
{
    [Theory]
    [InlineData("LS1 4AP", "LS1")]
    [InlineData("ls14ap", "LS1")]
    [InlineData("SW1A 1AA", "SW1A")]
    [InlineData("M1", "M1")]
    public void A_postcode_is_placed_at_its_district_centre(string postcode, string district)
    {
        Assert.Equal(PostcodeDistricts.CentreOf(district), PostcodeDistricts.CentreOf(postcode));
        Assert.NotNull(PostcodeDistricts.CentreOf(postcode));
    }

    [Theory]
    [InlineData("ZZ99 9ZZ")]
    [InlineData("nowhere")]
    [InlineData("")]
    public void Unknown_places_have_no_centre(string postcode) => Assert.Null(PostcodeDistricts.CentreOf(postcode));

    [Fact]
    public void Leeds_to_York_is_about_thirty_five_kilometres()
    {
        var leeds = PostcodeDistricts.CentreOf("LS1")!.Value;
        var york = PostcodeDistricts.CentreOf("YO1")!.Value;

        Assert.InRange(leeds.MetresTo(york), 33_000, 37_000);
        Assert.Equal(0, leeds.MetresTo(leeds), 3);
    }
}
