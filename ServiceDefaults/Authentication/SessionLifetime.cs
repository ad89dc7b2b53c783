using System.Globalization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Configuration;

namespace SocialPrescribing.Authentication;

/// <summary>
/// How long a member of staff stays signed in: the gateway's session and the Identity service's sign-in
/// alike. It ends after <see cref="Idle"/> without a request (<c>Session:IdleTimeout</c>, 30 minutes) and
/// <see cref="Absolute"/> after signing in whatever happens (<c>Session:AbsoluteTimeout</c>, 10 hours);
/// then the person signs in again. Neither cookie outlives the browser.
/// </summary>
public sealed record SessionLifetime(TimeSpan Idle, TimeSpan Absolute)
{
    public const string IdleSetting = "Session:IdleTimeout";
    public const string AbsoluteSetting = "Session:AbsoluteTimeout";

    /// <summary>When the person signed in (the ticket's own issue time moves on as the idle clock restarts).</summary>
    public const string SignedInAtItem = ".signed-in-at";

    public static readonly SessionLifetime Default = new(TimeSpan.FromMinutes(30), TimeSpan.FromHours(10));

    /// <summary>The configured lifetimes; a value that is not a positive time span, or an idle time longer than the absolute one, stops start-up naming the setting.</summary>
    public static SessionLifetime From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var idle = Read(configuration, IdleSetting, Default.Idle);
        var absolute = Read(configuration, AbsoluteSetting, Default.Absolute);
        return idle <= absolute
            ? new SessionLifetime(idle, absolute)
            : throw new InvalidOperationException($"{IdleSetting} ({idle}) may not be longer than {AbsoluteSetting} ({absolute}).");
    }

    /// <summary>
    /// A session cookie (never persisted) that ends after <see cref="Idle"/> without a request — each
    /// request more than a minute after the last renewal restarts the clock — and is refused once
    /// <see cref="Absolute"/> has passed since sign-in.
    /// </summary>
    public void ApplyTo(CookieAuthenticationOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        options.ExpireTimeSpan = Idle;
        options.SlidingExpiration = true;
        options.Cookie.MaxAge = null;
        var signingIn = options.Events.OnSigningIn;
        options.Events.OnSigningIn = context =>
        {
            context.Properties.IsPersistent = false;
            context.Properties.Items.TryAdd(SignedInAtItem, time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture));
            return signingIn(context);
        };
        var validating = options.Events.OnValidatePrincipal;
        options.Events.OnValidatePrincipal = async context =>
        {
            var now = time.GetUtcNow();
            if (HasEnded(context.Properties, now))
            {
                context.RejectPrincipal();
                await context.HttpContext.SignOutAsync(context.Scheme.Name);
                return;
            }

            if (now - (context.Properties.IssuedUtc ?? now) > TimeSpan.FromMinutes(1))
            {
                context.ShouldRenew = true;
            }

            await validating(context);
        };
    }

    /// <summary>True once the absolute lifetime has passed since sign-in (or the sign-in time is unknown).</summary>
    public bool HasEnded(AuthenticationProperties properties, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(properties);
        return !properties.Items.TryGetValue(SignedInAtItem, out var text)
               || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var signedInAt)
               || now - signedInAt >= Absolute;
    }

    private static TimeSpan Read(IConfiguration configuration, string key, TimeSpan fallback)
    {
        var text = configuration[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var value) && value > TimeSpan.Zero
            ? value
            : throw new InvalidOperationException($"{key} must be a positive time span such as 00:30:00, not '{text}'.");
    }
}
