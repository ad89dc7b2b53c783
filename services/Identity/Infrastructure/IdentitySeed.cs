using Microsoft.AspNetCore.Identity;
using OpenIddict.Abstractions;
using SocialPrescribing.Authentication;
using SocialPrescribing.Configuration;
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

    /// <summary>The gateway's client secret: a secret the AppHost generates, required outside Development.</summary>
    public const string GatewayClientSecretSetting = "Identity:GatewayClientSecret";

    /// <summary>The gateway's client secret as configured; outside Development a missing or short one stops start-up.</summary>
    public static string GatewayClientSecret(IConfiguration configuration, IHostEnvironment environment) =>
        RequiredSettings.Secret(configuration, environment, GatewayClientSecretSetting, SuiteAuthentication.DevelopmentGatewayClientSecret)!;

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
        await EnsureClientAsync(applications, GatewayClientDescriptor(configuration, environment), cancellationToken);

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
            ("provider2", SuiteRoles.Provider, "Sam Provider", null),
            ("manager", SuiteRoles.Manager, "Morgan Manager", null),
            ("admin", SuiteRoles.Admin, "Alex Admin", null),
            ("professional", SuiteRoles.Professional, "Dr Priya Professional", null),
            ("safeguarding", SuiteRoles.Safeguarding, "Sasha Safeguarding", null),
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
                // The providers work for the first and second organisations of the demonstration directory
                // (DemoDirectory.FirstOrganizationId, SecondOrganizationId).
                OrganizationId = name switch
                {
                    "provider" => Guid.Parse("32420dc8-7226-5772-8370-30b01dc616dc"),
                    "provider2" => Guid.Parse("7d1e5a39-0c4b-4f2e-a6d8-5b9c3e1f2a47"),
                    _ => null,
                },
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

    private static OpenIddictApplicationDescriptor GatewayClientDescriptor(IConfiguration configuration, IHostEnvironment environment)
    {
        var redirect = configuration["Identity:GatewayRedirectUri"] ?? "http://localhost:8080/signin-oidc";
        var postLogout = configuration["Identity:GatewayPostLogoutRedirectUri"] ?? "http://localhost:8080/signout-callback-oidc";
        return new OpenIddictApplicationDescriptor
        {
            ClientId = SuiteAuthentication.GatewayClientId,
            ClientSecret = GatewayClientSecret(configuration, environment),
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
