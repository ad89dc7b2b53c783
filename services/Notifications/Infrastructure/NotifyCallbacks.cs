using System.Security.Cryptography;
using System.Text;

namespace SocialPrescribing.Notifications.Infrastructure;

/// <summary>
/// Notify calls back with the bearer token the service gave it (<c>Notify:CallbackToken</c>, a secret): a callback
/// without it, or with another, is refused (401) and changes nothing. Without the setting no callback is taken.
/// </summary>
public static class NotifyCallbacks
{
    public static bool Configured(IConfiguration configuration) =>
        configuration["Notify:CallbackToken"] is { Length: >= 16 };

    public static bool Authorised(HttpRequest request, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (configuration["Notify:CallbackToken"] is not { Length: >= 16 } expected
            || request.Headers.Authorization.ToString() is not { } header
            || !header.StartsWith("Bearer ", StringComparison.Ordinal))
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(header["Bearer ".Length..].Trim()), Encoding.UTF8.GetBytes(expected));
    }
}
