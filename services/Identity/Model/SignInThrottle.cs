namespace SocialPrescribing.Identity.Model;

/// <summary>
/// How fast guessing may go (ASVS 2.2.1): no fixed lock-out that anyone could trigger against a
/// colleague, but ever longer waits. Failures are counted per <b>account</b> (any address; on a browser the
/// person has signed in on before, per that browser instead, so a stranger's guessing never keeps them
/// out) and per <b>address</b> (any account). Every copy of the service counts in the same table.
/// An unknown account is counted exactly like a real one, so the answers never tell them apart.
/// </summary>
public static class SignInThrottle
{
    /// <summary>Failures further back than this are forgotten.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    /// <summary>Failures an account (or known browser) may have in the window before each try must wait.</summary>
    public const int FreeAccountFailures = 5;

    /// <summary>The first wait, doubled with every further failure, up to <see cref="LongestAccountWait"/>.</summary>
    public static readonly TimeSpan FirstAccountWait = TimeSpan.FromSeconds(30);

    public static readonly TimeSpan LongestAccountWait = TimeSpan.FromMinutes(15);

    /// <summary>Failures one address may have in the window, over every account (a shared office counts as one).</summary>
    public const int AddressFailures = 50;

    /// <summary>
    /// Whether a try may go ahead now, given the earlier failures in the window (not this try); if not,
    /// how long until it may.
    /// </summary>
    public static TimeSpan? WaitBeforeTrying(
        IReadOnlyCollection<DateTimeOffset> accountFailures, IReadOnlyCollection<DateTimeOffset> addressFailures, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(accountFailures);
        ArgumentNullException.ThrowIfNull(addressFailures);
        var since = now - Window;
        var wait = TimeSpan.Zero;

        var account = accountFailures.Where(f => f > since).ToList();
        if (account.Count >= FreeAccountFailures)
        {
            var doublings = Math.Min(account.Count - FreeAccountFailures, 10);
            var pause = TimeSpan.FromTicks(Math.Min(FirstAccountWait.Ticks << doublings, LongestAccountWait.Ticks));
            wait = Max(wait, account.Max() + pause - now);
        }

        var address = addressFailures.Where(f => f > since).OrderDescending().ToList();
        if (address.Count >= AddressFailures)
        {
            // Free again when enough of them have left the window.
            wait = Max(wait, address[AddressFailures - 1] + Window - now);
        }

        return wait > TimeSpan.Zero ? wait : null;
    }

    /// <summary>Whole seconds for <c>Retry-After</c>, never 0.</summary>
    public static int RetryAfterSeconds(TimeSpan wait) => Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));

    /// <summary>The wait in words for the sign-in page.</summary>
    public static string InWords(TimeSpan wait)
    {
        var seconds = RetryAfterSeconds(wait);
        return seconds < 60
            ? $"{seconds} second{(seconds == 1 ? "" : "s")}"
            : $"{(seconds + 59) / 60} minute{((seconds + 59) / 60 == 1 ? "" : "s")}";
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
