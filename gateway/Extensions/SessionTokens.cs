using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;

namespace SocialPrescribing.Gateway.Extensions;

/// <summary>
/// The access token the gateway relays lives 30 minutes; a staff session may last up to 10 hours. Shortly
/// before the token ends the gateway swaps its refresh token for a new one at the provider's token
/// endpoint; a refusal (the account was disabled, the refresh token revoked) ends the session.
/// </summary>
internal static class SessionTokens
{
    private static readonly TimeSpan Ahead = TimeSpan.FromMinutes(2);

    public static async Task RefreshIfDueAsync(CookieValidatePrincipalContext context, TimeProvider time)
    {
        var now = time.GetUtcNow();
        if (DateTimeOffset.TryParse(context.Properties.GetTokenValue("expires_at"), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var expiresAt)
            && expiresAt - now > Ahead)
        {
            return;
        }

        var refreshed = await RefreshAsync(context, now);
        if (!refreshed)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(context.Scheme.Name);
            return;
        }

        context.ShouldRenew = true;
    }

    private static async Task<bool> RefreshAsync(CookieValidatePrincipalContext context, DateTimeOffset now)
    {
        var refreshToken = context.Properties.GetTokenValue("refresh_token");
        if (string.IsNullOrEmpty(refreshToken))
        {
            return false;
        }

        var oidc = context.HttpContext.RequestServices.GetRequiredService<IOptionsMonitor<OpenIdConnectOptions>>().Get(OpenIdConnectDefaults.AuthenticationScheme);
        var cancellationToken = context.HttpContext.RequestAborted;
        try
        {
            var configuration = await oidc.ConfigurationManager!.GetConfigurationAsync(cancellationToken);
            using var response = await oidc.Backchannel.PostAsync(configuration.TokenEndpoint, new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "refresh_token",
                ["refresh_token"] = refreshToken,
                ["client_id"] = oidc.ClientId!,
                ["client_secret"] = oidc.ClientSecret ?? "",
            }), cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                return false;
            }

            using var body = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
            var root = body.RootElement;
            if (!root.TryGetProperty("access_token", out var accessToken) || accessToken.GetString() is not { Length: > 0 } token)
            {
                return false;
            }

            context.Properties.UpdateTokenValue("access_token", token);
            if (root.TryGetProperty("refresh_token", out var rolled) && rolled.GetString() is { Length: > 0 } next)
            {
                context.Properties.UpdateTokenValue("refresh_token", next);
            }

            var lifetime = root.TryGetProperty("expires_in", out var seconds) && seconds.TryGetInt32(out var s) ? TimeSpan.FromSeconds(s) : TimeSpan.FromMinutes(5);
            context.Properties.UpdateTokenValue("expires_at", (now + lifetime).ToString("O", CultureInfo.InvariantCulture));
            return true;
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException or InvalidOperationException or TaskCanceledException)
        {
            return false;
        }
    }
}
