namespace SocialPrescribing.Identity.Model;

/// <summary>
/// One failed (or still running) sign-in try, counted by <see cref="SignInThrottle"/>. The key names what
/// is counted, never who: a hash of the account name (<c>a:</c>), a known browser (<c>b:</c>) or an address
/// (<c>i:</c>). Rows older than the window are deleted.
/// </summary>
public sealed class SignInFailure
{
    public long Id { get; set; }

    public string Key { get; set; } = "";

    public DateTimeOffset OccurredAt { get; set; }
}
