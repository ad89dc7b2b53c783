using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;

namespace SocialPrescribing.ReferralIntake.Tests;

/// <summary>The public screens in English and Welsh: chosen by a link, remembered in an essential cookie, English otherwise.</summary>
[Collection(IntakeCollection.Name)]
public sealed class WelshPagesTests(IntakeFactory factory)
{
    private static readonly string[] EnglishOnTheHomePage =
        ["Get support in your community", "Refer yourself", "Find local services", "Check a referral", "For professionals", "Skip to main content", "If you need help now"];

    [Fact]
    public async Task Choosing_cymraeg_shows_the_home_page_in_welsh_and_remembers_it()
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true, AllowAutoRedirect = false });

        var chosen = await client.GetAsync("/?lang=cy");
        var html = await chosen.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, chosen.StatusCode);
        Assert.Contains("<html lang=\"cy\"", html, StringComparison.Ordinal);
        Assert.Contains("Cael cymorth yn eich cymuned", html, StringComparison.Ordinal);
        Assert.Contains("<strong>gweithiwr cyswllt</strong>", html, StringComparison.Ordinal);
        Assert.Contains("egnïol", html, StringComparison.Ordinal); // Welsh letters as themselves
        Assert.All(EnglishOnTheHomePage, english => Assert.DoesNotContain(english, html, StringComparison.Ordinal));
        // The switch back to English, marked as English, on the same page.
        Assert.Contains("href=\"/?lang=en\" hreflang=\"en-GB\" lang=\"en-GB\">English</a>", html, StringComparison.Ordinal);
        var cookie = chosen.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("sp.lang=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);

        // Remembered: the next page is Welsh without asking again.
        var again = await client.GetStringAsync("/");
        Assert.Contains("<html lang=\"cy\"", again, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/?lang=fr")]
    [InlineData("/?lang=%3Cscript%3E")]
    public async Task English_is_the_default_and_an_unknown_language_is_english_not_an_error(string path)
    {
        var response = await factory.CreateClient().GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<html lang=\"en-GB\"", html, StringComparison.Ordinal);
        Assert.Contains("Get support in your community", html, StringComparison.Ordinal);
        Assert.Contains("hreflang=\"cy\" lang=\"cy\">Cymraeg</a>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Staff_screens_stay_english_whatever_the_browser_chose()
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true, AllowAutoRedirect = false });
        await client.GetAsync("/?lang=cy");
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer",
            SocialPrescribing.TestSupport.TestTokens.For(role: "callhandler", subject: "ch-welsh"));

        var intake = await client.GetAsync("/intake");
        var html = await intake.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, intake.StatusCode);
        Assert.Contains("<html lang=\"en-GB\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"language-switch\"", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/privacy", "Hysbysiad preifatrwydd")]
    [InlineData("/accessibility", "Datganiad hygyrchedd ar gyfer y gwasanaeth presgripsiynu cymdeithasol")]
    [InlineData("/cookies", "Cwcis")]
    public async Task The_privacy_accessibility_and_cookies_pages_are_in_welsh_with_no_english_sentence_left(string path, string heading)
    {
        var client = factory.CreateClient();

        var english = await client.GetStringAsync(path);
        var welsh = await client.GetStringAsync(path + "?lang=cy");

        Assert.Contains("<html lang=\"cy\"", welsh, StringComparison.Ordinal);
        Assert.Contains($"<h1>{heading}</h1>", welsh, StringComparison.Ordinal);
        Assert.Empty(SocialPrescribing.TestSupport.EnglishLeft.Compared(english, welsh));
        Assert.NotEmpty(SocialPrescribing.TestSupport.EnglishLeft.Compared(english, english)); // the check finds English where it is
    }

    [Fact]
    public async Task An_unknown_language_in_the_cookie_is_english()
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add("Cookie", "sp.lang=c%3Dxx%7Cuic%3Dxx");

        var html = await client.GetStringAsync("/");

        Assert.Contains("<html lang=\"en-GB\"", html, StringComparison.Ordinal);
    }
}
