using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SocialPrescribing.TestSupport;

namespace SocialPrescribing.ReferralIntake.Tests;

/// <summary>/referral-status as a browser without JavaScript uses it.</summary>
[Collection(IntakeCollection.Name)]
public sealed partial class ReferralStatusPageTests(IntakeFactory factory) : IAsyncLifetime
{
    public Task InitializeAsync() => factory.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_reference_and_date_of_birth_show_the_status(bool typedLoosely)
    {
        var reference = await SubmitAsync();
        var typed = typedLoosely ? reference.Replace("-", " ", StringComparison.Ordinal).ToLowerInvariant() : reference;

        var response = await CheckAsync(typed, "10", "12", "1990");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains($"Referral {reference}", html, StringComparison.Ordinal);
        Assert.Contains("<strong id=\"status\">received</strong>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task In_welsh_the_status_its_meaning_and_the_date_are_in_welsh()
    {
        var reference = await SubmitAsync();

        var response = await CheckAsync(reference, "10", "12", "1990", welsh: true);

        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<html lang=\"cy\"", html, StringComparison.Ordinal);
        Assert.Contains($"Atgyfeiriad {reference}", html, StringComparison.Ordinal);
        Assert.Contains("<strong id=\"status\">wedi dod i law</strong>", html, StringComparison.Ordinal);
        Assert.Contains("Bydd gweithiwr cyswllt yn cysylltu", html, StringComparison.Ordinal);
        var today = DateTime.UtcNow.ToString("d MMMM yyyy", new System.Globalization.CultureInfo("cy"));
        Assert.Contains($"Diweddarwyd ddiwethaf {today}", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Last updated", html, StringComparison.Ordinal);

        var mistakes = await (await CheckAsync("SP-XXXX", "", "", "", welsh: true)).Content.ReadAsStringAsync();
        Assert.Contains("Gwiriwch eich cyfeirnod", mistakes, StringComparison.Ordinal);
        Assert.Contains("Rhowch eich dyddiad geni.", mistakes, StringComparison.Ordinal);
        Assert.Contains(">Diwrnod</label>", mistakes, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_date_of_birth_finds_nothing_and_does_not_say_which_part_was_wrong()
    {
        var reference = await SubmitAsync();

        var response = await CheckAsync(reference, "11", "12", "1990");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("We could not find a referral with that reference number and date of birth", html, StringComparison.Ordinal);
        Assert.DoesNotContain("received", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_five_wrong_dates_of_birth_the_page_asks_the_person_to_call_even_with_the_right_date()
    {
        var reference = await SubmitAsync();
        for (var day = 1; day <= 5; day++)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await CheckAsync(reference, day.ToString(System.Globalization.CultureInfo.InvariantCulture), "1", "1980")).StatusCode);
        }

        var response = await CheckAsync(reference, "10", "12", "1990");

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Please call us", html, StringComparison.Ordinal);
        Assert.Contains("href=\"tel:", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<strong id=\"status\">", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_mistyped_reference_and_a_missing_date_are_shown_beside_their_fields()
    {
        var response = await CheckAsync("SP-AAAA-AAAA", "", "", "");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<a href=\"#reference\">Check your reference number", html, StringComparison.Ordinal);
        Assert.Contains("id=\"dob-day-error\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"SP-AAAA-AAAA\"", html, StringComparison.Ordinal);
    }

    private async Task<string> SubmitAsync()
    {
        var response = await factory.CreateClient().PostAsJsonAsync("/api/referrals", Referrals.ValidSelfReferral());
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["reference"]!.GetValue<string>();
    }

    private async Task<HttpResponseMessage> CheckAsync(string reference, string day, string month, string year, bool welsh = false)
    {
        var client = factory.CreateClient();
        var page = await client.GetStringAsync(welsh ? "/referral-status?lang=cy" : "/referral-status");
        return await client.PostAsync("/referral-status", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = FormFields.AntiforgeryToken(page),
            ["Reference"] = reference,
            ["DobDay"] = day,
            ["DobMonth"] = month,
            ["DobYear"] = year,
        }));
    }

}
