using Microsoft.AspNetCore.Identity;
using OpenIddict.Abstractions;
using SocialPrescribing.Authentication;
using SocialPrescribing.Identity.Model;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace SocialPrescribing.Identity.Infrastructure;

/// <summary>
/// Roles and the gateway's client in every environment; the development users and clients of API.md
/// only in Development (they are refused elsewhere even if a database still holds them).
/// </summary>
internal static class IdentitySeed
{
    public const string DevelopmentPassword = "Dev-Passw0rd!";
    public const string CliClient = "sp-cli";
    public const string GpSystemClient = "sp-gp-system";
    public const string GatewayClient = "gateway";

    public static readonly IReadOnlyList<string> DevelopmentClients = [CliClient, GpSystemClient];

    public static async Task SeedAsync(IServiceProvider root, CancellationToken cancellationToken)
    {
        await using var scope = root.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var environment = services.GetRequiredService<IHostEnvironment>();
        var configuration = services.GetRequiredService<IConfiguration>();
        var roles = services.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in SuiteRoles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }

        var applications = services.GetRequiredService<IOpenIddictApplicationManager>();
        await EnsureClientAsync(applications, GatewayClientDescriptor(configuration), cancellationToken);

        if (!environment.IsDevelopment())
        {
            return;
        }

        await EnsureClientAsync(applications, new OpenIddictApplicationDescriptor
        {
            ClientId = CliClient,
            DisplayName = "Social prescribing command line (development)",
            ClientType = ClientTypes.Public,
            Permissions =
            {
                Permissions.Endpoints.Token,
                Permissions.GrantTypes.Password,
                Permissions.GrantTypes.RefreshToken,
                Permissions.Scopes.Profile,
                Permissions.Scopes.Roles,
                Permissions.Prefixes.Scope + SuiteAuthentication.ApiScope,
            },
        }, cancellationToken);
        await EnsureClientAsync(applications, new OpenIddictApplicationDescriptor
        {
            ClientId = GpSystemClient,
            ClientSecret = "dev-secret",
            DisplayName = "Example GP system (development)",
            ClientType = ClientTypes.Confidential,
            Permissions =
            {
                Permissions.Endpoints.Token,
                Permissions.GrantTypes.ClientCredentials,
                Permissions.Prefixes.Scope + SuiteAuthentication.ReferralsWriteScope,
            },
        }, cancellationToken);

        var users = services.GetRequiredService<UserManager<ApplicationUser>>();
        (string Name, string Role, string Display, string? Team)[] seeded =
        [
            ("callhandler", SuiteRoles.CallHandler, "Casey Callhandler", null),
            ("linkworker", SuiteRoles.LinkWorker, "Lee Linkworker", "north"),
            ("linkworker2", SuiteRoles.LinkWorker, "Lou Linkworker", "south"),
            ("provider", SuiteRoles.Provider, "Pat Provider", null),
            ("manager", SuiteRoles.Manager, "Morgan Manager", null),
            ("admin", SuiteRoles.Admin, "Alex Admin", null),
            ("professional", SuiteRoles.Professional, "Dr Priya Professional", null),
        ];
        foreach (var (name, role, display, team) in seeded)
        {
            if (await users.FindByNameAsync(name) is not null)
            {
                continue;
            }

            var user = new ApplicationUser
            {
                UserName = name,
                Email = $"{name}@example.org",
                EmailConfirmed = true,
                DisplayName = display,
                Team = team,
                // The provider works for the first organisation of the demonstration directory (DemoDirectory.FirstOrganizationId).
                OrganizationId = role == SuiteRoles.Provider ? Guid.Parse("32420dc8-7226-5772-8370-30b01dc616dc") : null,
                IsDevelopmentAccount = true,
            };
            var created = await users.CreateAsync(user, DevelopmentPassword);
            if (!created.Succeeded)
            {
                throw new InvalidOperationException($"Could not seed {name}: {string.Join("; ", created.Errors.Select(e => e.Description))}");
            }

            await users.AddToRoleAsync(user, role);
        }
    }

    private static OpenIddictApplicationDescriptor GatewayClientDescriptor(IConfiguration configuration)
    {
        var redirect = configuration["Identity:GatewayRedirectUri"] ?? "http://localhost:8080/signin-oidc";
        var postLogout = configuration["Identity:GatewayPostLogoutRedirectUri"] ?? "http://localhost:8080/signout-callback-oidc";
        return new OpenIddictApplicationDescriptor
        {
            ClientId = GatewayClient,
            ClientSecret = configuration["Identity:GatewayClientSecret"] ?? "gateway-dev-secret",
            DisplayName = "Social prescribing gateway",
            ClientType = ClientTypes.Confidential,
            RedirectUris = { new Uri(redirect) },
            PostLogoutRedirectUris = { new Uri(postLogout) },
            Permissions =
            {
                Permissions.Endpoints.Authorization,
                Permissions.Endpoints.Token,
                Permissions.Endpoints.EndSession,
                Permissions.GrantTypes.AuthorizationCode,
                Permissions.GrantTypes.RefreshToken,
                Permissions.ResponseTypes.Code,
                Permissions.Scopes.Profile,
                Permissions.Scopes.Roles,
                Permissions.Prefixes.Scope + SuiteAuthentication.ApiScope,
            },
            Requirements = { Requirements.Features.ProofKeyForCodeExchange },
        };
    }

    private static async Task EnsureClientAsync(IOpenIddictApplicationManager applications, OpenIddictApplicationDescriptor descriptor, CancellationToken cancellationToken)
    {
        var existing = await applications.FindByClientIdAsync(descriptor.ClientId!, cancellationToken);
        if (existing is null)
        {
            await applications.CreateAsync(descriptor, cancellationToken);
        }
        else
        {
            await applications.UpdateAsync(existing, descriptor, cancellationToken);
        }
    }
}
