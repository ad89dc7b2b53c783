using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Hosting;

namespace SocialPrescribing.Gateway.Tests;

/// <summary>
/// Copies of the gateway behind one address (docs/deploy.md) must read each other's staff session
/// cookies: with a shared keys folder (<c>DataProtection:KeysPath</c>, ServiceDefaults, as for every
/// service's form tokens) they do, with keys of their own they do not.
/// </summary>
public sealed class SessionKeysTests : IDisposable
{
    private readonly DirectoryInfo _shared = Directory.CreateTempSubdirectory("sp-gateway-keys-");
    private readonly DirectoryInfo _other = Directory.CreateTempSubdirectory("sp-gateway-keys-");

    [Fact]
    public void A_session_cookie_one_copy_sets_is_read_by_another_copy_sharing_its_keys_folder()
    {
        using var first = Gateway(_shared);
        using var second = Gateway(_shared);

        var cookie = SessionFormat(first).Protect(Ticket("linkworker"));
        var read = SessionFormat(second).Unprotect(cookie);

        Assert.Equal("linkworker", read?.Principal.FindFirstValue("name"));
        // Each service in a subfolder of its own, so one volume can serve the whole suite.
        Assert.NotEmpty(_shared.GetDirectories("Gateway").Single().GetFiles("key-*.xml"));
    }

    [Fact]
    public void A_copy_with_keys_of_its_own_cannot_read_the_cookie()
    {
        using var first = Gateway(_shared);
        using var stranger = Gateway(_other);

        var cookie = SessionFormat(first).Protect(Ticket("linkworker"));

        Assert.Null(SessionFormat(stranger).Unprotect(cookie));
    }

    public void Dispose()
    {
        _shared.Delete(recursive: true);
        _other.Delete(recursive: true);
    }

    private static WebApplicationFactory<Program> Gateway(DirectoryInfo keys) =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(web => web.UseSetting(ServiceDefaultsExtensions.KeysPathSetting, keys.FullName));

    /// <summary>How the gateway writes and reads its session cookie (the cookie scheme's ticket format).</summary>
    private static ISecureDataFormat<AuthenticationTicket> SessionFormat(WebApplicationFactory<Program> gateway) =>
        gateway.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>()
            .Get(CookieAuthenticationDefaults.AuthenticationScheme).TicketDataFormat;

    private static AuthenticationTicket Ticket(string name) =>
        new(new ClaimsPrincipal(new ClaimsIdentity([new Claim("name", name)], CookieAuthenticationDefaults.AuthenticationScheme)),
            CookieAuthenticationDefaults.AuthenticationScheme);
}
