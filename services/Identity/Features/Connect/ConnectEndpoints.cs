using System.Security.Claims;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using SocialPrescribing.Authentication;
using SocialPrescribing.Identity.Infrastructure;
using SocialPrescribing.Identity.Model;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace SocialPrescribing.Identity.Features.Connect;

/// <summary>The OpenID Connect endpoints OpenIddict passes through to us: authorize, token, end session.</summary>
public static class ConnectEndpoints
{
    private const string NotRight = "The username or password is not right.";

    public static IEndpointRouteBuilder MapConnect(this IEndpointRouteBuilder app)
    {
        var connect = app.MapGroup("/connect").WithTags("OpenID Connect").ExcludeFromDescription();
        connect.MapMethods("/authorize", ["GET", "POST"], Authorize);
        connect.MapPost("/token", Exchange);
        connect.MapMethods("/logout", ["GET", "POST"], EndSession);
        return app;
    }

    public static async Task<IResult> Authorize(
        HttpContext http, [AsParameters] ConnectServices services, CancellationToken cancellationToken)
    {
        var request = http.GetOpenIddictServerRequest()
                      ?? throw new InvalidOperationException("The OpenID Connect request cannot be retrieved.");

        var signedIn = await http.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        var user = signedIn.Succeeded ? await services.Users.GetUserAsync(signedIn.Principal) : null;
        // prompt=login (the gateway starting a new staff session): sign in anew whatever session this service still holds.
        var mustSignIn = request.HasPromptValue(PromptValues.Login);
        if (user is null || !services.MaySignIn(user) || mustSignIn)
        {
            if (mustSignIn)
            {
                await http.SignOutAsync(IdentityConstants.ApplicationScheme);
            }

            // Back to the same authorization request once the person has signed in (without prompt=login, which is then met).
            var parameters = (http.Request.HasFormContentType
                    ? http.Request.Form.Where(p => p.Key != "__RequestVerificationToken").ToList()
                    : http.Request.Query.ToList())
                .Where(p => p.Key != Parameters.Prompt)
                .ToList();
            return Results.Challenge(
                new AuthenticationProperties { RedirectUri = http.Request.PathBase + http.Request.Path + QueryString.Create(parameters) },
                [IdentityConstants.ApplicationScheme]);
        }

        // A role that needs a second factor gets no token from a password-only session: set one up first,
        // or (set up since this session began) sign in again with it.
        if (!SecondFactor.WasPassed(signedIn.Principal) && services.Mfa.IsRequiredFor(await services.Users.GetRolesAsync(user)))
        {
            var here = http.Request.PathBase + http.Request.Path + (http.Request.HasFormContentType
                ? QueryString.Create(http.Request.Form.Where(p => p.Key != "__RequestVerificationToken").ToList())
                : http.Request.QueryString);
            if (await services.Users.GetTwoFactorEnabledAsync(user))
            {
                await http.SignOutAsync(IdentityConstants.ApplicationScheme);
                return Results.Challenge(new AuthenticationProperties { RedirectUri = here }, [IdentityConstants.ApplicationScheme]);
            }

            return Results.Redirect("/account/mfa" + QueryString.Create("ReturnUrl", here));
        }

        return Results.SignIn(await CreatePrincipalAsync(user, request.GetScopes(), services), null,
            OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    public static async Task<IResult> Exchange(
        HttpContext http, [AsParameters] ConnectServices services, CancellationToken cancellationToken)
    {
        var request = http.GetOpenIddictServerRequest()
                      ?? throw new InvalidOperationException("The OpenID Connect request cannot be retrieved.");

        if (!services.Environment.IsDevelopment() && IdentitySeed.DevelopmentClients.Contains(request.ClientId))
        {
            return Forbid(Errors.InvalidClient, "Development clients are refused outside the Development environment.");
        }

        if (request.IsPasswordGrantType())
        {
            // Throttled, unknown, wrong or disabled: answers that never say whether the account exists.
            var user = await services.Users.FindByNameAsync(request.Username ?? "");
            if (user is not null && !services.MaySignIn(user))
            {
                user = null;
            }

            var attempt = await services.Attempts.BeginAsync(request.Username ?? "", http.Connection.RemoteIpAddress, cancellationToken);
            if (attempt.Wait is not null)
            {
                return Results.Json(new Dictionary<string, string>
                {
                    [Parameters.Error] = Errors.InvalidGrant,
                    [Parameters.ErrorDescription] = attempt.Refuse(http.Response),
                }, statusCode: StatusCodes.Status429TooManyRequests);
            }

            if (user is null)
            {
                SignInAttempts.CheckAgainstNobody(services.Users.PasswordHasher, request.Password ?? "");
                await attempt.FailedAsync(cancellationToken);
                return Forbid(Errors.InvalidGrant, NotRight);
            }

            var result = await services.SignIn.CheckPasswordSignInAsync(user, request.Password ?? "", lockoutOnFailure: false);
            if (!result.Succeeded)
            {
                await attempt.FailedAsync(cancellationToken);
                return Forbid(Errors.InvalidGrant, NotRight);
            }

            // A password alone cannot carry a second factor: such accounts sign in in the browser.
            if (await services.Users.GetTwoFactorEnabledAsync(user) || services.Mfa.IsRequiredFor(await services.Users.GetRolesAsync(user)))
            {
                await attempt.FirstStepPassedAsync(cancellationToken);
                return Forbid(Errors.InvalidGrant, "This account signs in with a second factor: sign in in the browser.");
            }

            await attempt.SucceededAsync(cancellationToken);

            return Results.SignIn(await CreatePrincipalAsync(user, request.GetScopes(), services), null,
                OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        }

        if (request.IsClientCredentialsGrantType())
        {
            var application = await services.Applications.FindByClientIdAsync(request.ClientId!, cancellationToken)
                              ?? throw new InvalidOperationException("OpenIddict authenticated an unknown client.");
            var identity = NewIdentity();
            identity.SetClaim(Claims.Subject, request.ClientId)
                .SetClaim(Claims.Name, await services.Applications.GetDisplayNameAsync(application, cancellationToken) ?? request.ClientId);
            identity.SetScopes(request.GetScopes());
            identity.SetResources(SuiteAuthentication.Audience);
            identity.SetDestinations(_ => [Destinations.AccessToken]);
            return Results.SignIn(new ClaimsPrincipal(identity), null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        }

        if (request.IsAuthorizationCodeGrantType() || request.IsRefreshTokenGrantType())
        {
            var earlier = await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
            var user = earlier.Principal?.GetClaim(Claims.Subject) is { } subject ? await services.Users.FindByIdAsync(subject) : null;
            if (user is null || !services.MaySignIn(user) || !await services.SignIn.CanSignInAsync(user))
            {
                return Forbid(Errors.InvalidGrant, "The sign-in is no longer valid.");
            }

            return Results.SignIn(await CreatePrincipalAsync(user, earlier.Principal!.GetScopes(), services), null,
                OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        }

        return Forbid(Errors.UnsupportedGrantType, "This grant type is not supported.");
    }

    public static async Task<IResult> EndSession(HttpContext http, [AsParameters] ConnectServices services)
    {
        await services.SignIn.SignOutAsync();
        return Results.SignOut(new AuthenticationProperties { RedirectUri = "/" }, [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
    }

    private static async Task<ClaimsPrincipal> CreatePrincipalAsync(
        ApplicationUser user, IEnumerable<string> scopes, ConnectServices services)
    {
        var identity = NewIdentity();
        identity.SetClaim(Claims.Subject, user.Id)
            .SetClaim(Claims.Name, user.UserName)
            .SetClaim(Claims.PreferredUsername, user.DisplayName)
            .SetClaims(Claims.Role, [.. await services.Users.GetRolesAsync(user)]);
        if (user.Team is not null)
        {
            identity.SetClaim(SuiteAuthentication.TeamClaim, user.Team);
        }

        // Staff alerts (an urgent case not reached, a provider's decline) go to this address: the Notifications service
        // learns it from the staff member's own calls.
        if (!string.IsNullOrWhiteSpace(user.Email))
        {
            identity.SetClaim(Claims.Email, user.Email);
        }

        if (user.OrganizationId is { } organization)
        {
            identity.SetClaim(SuiteAuthentication.OrganizationClaim, organization.ToString());
        }

        var granted = scopes.ToList();
        identity.SetScopes(granted);
        identity.SetResources(SuiteAuthentication.Audience);
        identity.SetDestinations(claim => claim.Type switch
        {
            Claims.Name or Claims.PreferredUsername when granted.Contains(Scopes.Profile) => [Destinations.AccessToken, Destinations.IdentityToken],
            Claims.Role when granted.Contains(Scopes.Roles) => [Destinations.AccessToken, Destinations.IdentityToken],
            _ => [Destinations.AccessToken],
        });
        return new ClaimsPrincipal(identity);
    }

    private static ClaimsIdentity NewIdentity() =>
        new(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);

    private static IResult Forbid(string error, string description) => Results.Forbid(
        new AuthenticationProperties(new Dictionary<string, string?>
        {
            [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
            [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
        }),
        [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
}

public sealed record ConnectServices(
    UserManager<ApplicationUser> Users,
    SignInManager<ApplicationUser> SignIn,
    IOpenIddictApplicationManager Applications,
    SignInAttempts Attempts,
    MfaRequirement Mfa,
    IHostEnvironment Environment)
{
    /// <summary>Development accounts work only in Development; locked-out accounts never.</summary>
    public bool MaySignIn(ApplicationUser user) =>
        !(user ?? throw new ArgumentNullException(nameof(user))).IsDevelopmentAccount || Environment.IsDevelopment();
}
