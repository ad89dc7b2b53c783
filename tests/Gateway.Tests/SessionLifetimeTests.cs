using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SocialPrescribing.Authentication;

namespace SocialPrescribing.Gateway.Tests;

/// <summary>
/// The staff session ends after 30 minutes without a request and 10 hours after signing in (both
/// settings), whatever else happens; it is never a persistent cookie.
/// </summary>
public sealed class SessionLifetimeTests : IDisposable
{
    private readonly WebApplicationFactory<Program> _gateway = new();

    [Fact]
    public void The_session_cookie_idles_out_after_30_minutes_and_is_never_persistent()
    {
        var options = CookieOptions(_gateway);

        Assert.Equal(TimeSpan.FromMinutes(30), options.ExpireTimeSpan);
        Assert.True(options.SlidingExpiration);
        Assert.Null(options.Cookie.MaxAge);
    }

    [Theory]
    [InlineData(1, true)]
    [InlineData(9.9, true)]
    [InlineData(10, false)]
    [InlineData(30, false)]
    public async Task A_session_is_refused_ten_hours_after_signing_in_however_busy(double hoursAgo, bool kept)
    {
        var context = await ValidateAsync(_gateway, DateTimeOffset.UtcNow.AddHours(-hoursAgo));

        Assert.Equal(kept, context.Principal is not null);
    }

    [Fact]
    public async Task A_session_without_its_sign_in_time_is_refused()
    {
        var context = await ValidateAsync(_gateway, signedInAt: null);

        Assert.Null(context.Principal);
    }

    [Fact]
    public async Task The_lifetimes_are_settings()
    {
        using var gateway = _gateway.WithWebHostBuilder(web => web.UseSetting(SessionLifetime.IdleSetting, "00:10:00").UseSetting(SessionLifetime.AbsoluteSetting, "02:00:00"));

        Assert.Equal(TimeSpan.FromMinutes(10), CookieOptions(gateway).ExpireTimeSpan);
        Assert.Null((await ValidateAsync(gateway, DateTimeOffset.UtcNow.AddHours(-2.5))).Principal);
    }

    [Theory]
    [InlineData("00:00:00", null)]
    [InlineData("half an hour", null)]
    [InlineData("11:00:00", "10:00:00")]
    public void A_lifetime_that_is_not_a_positive_time_span_or_idle_beyond_absolute_is_refused_naming_it(string idle, string? absolute)
    {
        var settings = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [SessionLifetime.IdleSetting] = idle,
            [SessionLifetime.AbsoluteSetting] = absolute,
        }).Build();

        var refused = Assert.Throws<InvalidOperationException>(() => SessionLifetime.From(settings));

        Assert.Contains(SessionLifetime.IdleSetting, refused.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _gateway.Dispose();

    private static CookieAuthenticationOptions CookieOptions(WebApplicationFactory<Program> gateway) =>
        gateway.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(CookieAuthenticationDefaults.AuthenticationScheme);

    /// <summary>Runs the session cookie's check on a ticket signed in at <paramref name="signedInAt"/> (its access token still fresh).</summary>
    private static async Task<CookieValidatePrincipalContext> ValidateAsync(WebApplicationFactory<Program> gateway, DateTimeOffset? signedInAt)
    {
        var options = CookieOptions(gateway);
        var properties = new AuthenticationProperties { IssuedUtc = DateTimeOffset.UtcNow.AddMinutes(-5), ExpiresUtc = DateTimeOffset.UtcNow.AddMinutes(25) };
        if (signedInAt is { } at)
        {
            properties.Items[SessionLifetime.SignedInAtItem] = at.ToString("O", CultureInfo.InvariantCulture);
        }

        properties.StoreTokens([new AuthenticationToken { Name = "expires_at", Value = DateTimeOffset.UtcNow.AddMinutes(20).ToString("O", CultureInfo.InvariantCulture) }]);
        var ticket = new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity([new Claim("name", "lee")], "Cookies")), properties, CookieAuthenticationDefaults.AuthenticationScheme);
        var http = new DefaultHttpContext { RequestServices = gateway.Services.CreateScope().ServiceProvider };
        var scheme = await gateway.Services.GetRequiredService<IAuthenticationSchemeProvider>().GetSchemeAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        var context = new CookieValidatePrincipalContext(http, scheme!, options, ticket);
        await options.Events.ValidatePrincipal(context);
        return context;
    }
}
