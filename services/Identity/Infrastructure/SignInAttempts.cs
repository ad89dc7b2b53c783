using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using SocialPrescribing.Identity.Model;

namespace SocialPrescribing.Identity.Infrastructure;

/// <summary>
/// Counts sign-in tries in <c>identitydb</c>, so every copy of the service throttles alike
/// (<see cref="SignInThrottle"/>). A try is written down <i>before</i> the password or code is checked and
/// forgotten only if it succeeds, so a burst of parallel guesses cannot slip past the count.
/// </summary>
public sealed class SignInAttempts(IdentityDbContext db, KnownBrowsers browsers, TimeProvider clock)
{
    /// <summary>
    /// Starts a try on an account name (known or not; null for a passkey, which names no account until it
    /// is checked) from the request's address.
    /// </summary>
    public async Task<SignInAttempt> BeginAsync(HttpContext http, string? accountName, string? userId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        // On a browser the person has signed in on before, count that browser's failures, not the account's:
        // a stranger's guessing then slows the stranger, never the colleague at their own desk.
        var countedAs = userId is not null && browsers.Read(http, userId) is { } browser
            ? "b:" + browser
            : accountName is null ? null : AccountKey(accountName);
        return await BeginAsync(countedAs, AddressKey(http.Connection.RemoteIpAddress), cancellationToken);
    }

    /// <summary>A password-grant try at the token endpoint: no browser, so the account and the address.</summary>
    public Task<SignInAttempt> BeginAsync(string accountName, System.Net.IPAddress? address, CancellationToken cancellationToken) =>
        BeginAsync(AccountKey(accountName), AddressKey(address), cancellationToken);

    private async Task<SignInAttempt> BeginAsync(string? countedAs, string address, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        SignInFailure[] mine = countedAs is null
            ? [new() { Key = address, OccurredAt = now }]
            : [new() { Key = countedAs, OccurredAt = now }, new() { Key = address, OccurredAt = now }];
        db.SignInFailures.AddRange(mine);
        await db.SaveChangesAsync(cancellationToken);

        var since = now - SignInThrottle.Window;
        var ids = mine.Select(f => f.Id).ToArray();
        var earlier = await db.SignInFailures.AsNoTracking()
            .Where(f => (f.Key == countedAs || f.Key == address) && f.OccurredAt > since && !ids.Contains(f.Id))
            .Select(f => new { f.Key, f.OccurredAt })
            .ToListAsync(cancellationToken);
        var wait = SignInThrottle.WaitBeforeTrying(
            [.. earlier.Where(f => f.Key == countedAs).Select(f => f.OccurredAt)],
            [.. earlier.Where(f => f.Key == address).Select(f => f.OccurredAt)],
            now);
        if (wait is not null)
        {
            // A refused try is not a guess: it neither counts nor lengthens the wait.
            db.SignInFailures.RemoveRange(mine);
            await db.SaveChangesAsync(cancellationToken);
        }

        return new SignInAttempt(this, countedAs, mine, wait);
    }

    internal async Task SucceededAsync(string? countedAs, SignInFailure[] mine, bool forgiveEarlier, CancellationToken cancellationToken)
    {
        var ids = mine.Select(f => f.Id).ToArray();
        var forgiven = forgiveEarlier ? countedAs : null;
        await db.SignInFailures.Where(f => ids.Contains(f.Id) || (forgiven != null && f.Key == forgiven)).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>
    /// Spends the time a real password check takes, for an account that does not exist, so the answer's
    /// timing does not tell them apart either.
    /// </summary>
    public static void CheckAgainstNobody(IPasswordHasher<ApplicationUser> hasher, string password)
    {
        ArgumentNullException.ThrowIfNull(hasher);
        hasher.VerifyHashedPassword(Nobody, NobodysHash.Value, password ?? "");
    }

    private static readonly ApplicationUser Nobody = new() { UserName = "nobody" };
    private static readonly Lazy<string> NobodysHash = new(() => new PasswordHasher<ApplicationUser>().HashPassword(Nobody, Guid.NewGuid().ToString()));

    internal async Task FailedAsync(CancellationToken cancellationToken)
    {
        var forgotten = clock.GetUtcNow() - SignInThrottle.Window;
        await db.SignInFailures.Where(f => f.OccurredAt < forgotten).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>The counted name for an account: a hash, so a password typed into the name box is never stored.</summary>
    public static string AccountKey(string accountName) =>
        "a:" + Hash((accountName ?? "").Trim().ToUpperInvariant());

    public static string AddressKey(IPAddress? address) => "i:" + Hash(address?.ToString() ?? "unknown");

    private static string Hash(string value) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(value)), 0, 16);
}

/// <summary>One try: refused now (<see cref="Wait"/>), or to be ended as succeeded or failed.</summary>
public sealed class SignInAttempt(SignInAttempts attempts, string? countedAs, SignInFailure[] mine, TimeSpan? wait)
{
    /// <summary>Set when the try is refused before any check: how long until the next may go ahead.</summary>
    public TimeSpan? Wait { get; } = wait;

    /// <summary>Signed in: this try and the account's (or browser's) earlier failures are forgotten.</summary>
    public Task SucceededAsync(CancellationToken cancellationToken) => attempts.SucceededAsync(countedAs, mine, true, cancellationToken);

    /// <summary>
    /// For a refused try: sets <c>Retry-After</c> on the answer and returns what to tell the person, the same
    /// whichever account was tried.
    /// </summary>
    public string Refuse(HttpResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var wait = Wait ?? throw new InvalidOperationException("This try was not refused.");
        response.Headers.RetryAfter = SignInThrottle.RetryAfterSeconds(wait).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return $"There have been too many tries to sign in. Wait {SignInThrottle.InWords(wait)} and try again.";
    }

    /// <summary>
    /// The password was right but a code is still to come: this try is not a failure, but the earlier ones
    /// stay counted, so knowing the password does not reset the count of code guesses.
    /// </summary>
    public Task FirstStepPassedAsync(CancellationToken cancellationToken) => attempts.SucceededAsync(countedAs, mine, false, cancellationToken);

    /// <summary>The try stays counted.</summary>
    public Task FailedAsync(CancellationToken cancellationToken) => attempts.FailedAsync(cancellationToken);
}

/// <summary>
/// A browser someone has fully signed in on before (OWASP "device cookies"): a cookie, encrypted with Data
/// Protection, naming the account and a random browser id. It gives no access by itself; it only changes
/// which count a failed try adds to.
/// </summary>
public sealed class KnownBrowsers(IDataProtectionProvider protection, IHostEnvironment environment, TimeProvider clock)
{
    public const string CookieName = "sp.known-browser";
    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(180);
    private readonly IDataProtector _protector = protection.CreateProtector("SocialPrescribing.Identity.KnownBrowser");

    public string? Read(HttpContext http, string userId)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (!http.Request.Cookies.TryGetValue(CookieName, out var value) || string.IsNullOrEmpty(value))
        {
            return null;
        }

        try
        {
            var parts = _protector.Unprotect(value).Split('\n');
            return parts.Length == 3 && parts[0] == userId
                   && DateTimeOffset.FromUnixTimeSeconds(long.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture)) > clock.GetUtcNow()
                ? parts[1]
                : null;
        }
        catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or FormatException)
        {
            return null;
        }
    }

    /// <summary>After a full sign-in: this browser is now known for the account (the same id if it already was).</summary>
    public void Remember(HttpContext http, string userId)
    {
        ArgumentNullException.ThrowIfNull(http);
        var browser = Read(http, userId) ?? Guid.NewGuid().ToString("N");
        var expires = clock.GetUtcNow() + Lifetime;
        http.Response.Cookies.Append(CookieName, _protector.Protect($"{userId}\n{browser}\n{expires.ToUnixTimeSeconds()}"), new CookieOptions
        {
            HttpOnly = true,
            Secure = !environment.IsDevelopment(),
            SameSite = SameSiteMode.Lax,
            Path = "/account",
            Expires = expires,
            IsEssential = true,
        });
    }
}
