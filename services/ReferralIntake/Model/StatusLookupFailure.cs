namespace SocialPrescribing.ReferralIntake.Model;

/// <summary>A wrong date of birth given with a reference: counted so nobody can guess one (at most 5 a day).</summary>
public sealed class StatusLookupFailure
{
    /// <summary>Wrong dates of birth a reference may be given in <see cref="Window"/> before it answers "call us".</summary>
    public const int MaxWrongDatesOfBirth = 5;

    /// <summary>How long a wrong date of birth counts.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromHours(24);

    public long Id { get; private set; }

    public string Reference { get; private set; } = "";

    public DateTimeOffset FailedAt { get; private set; }

    private StatusLookupFailure()
    {
    }

    public StatusLookupFailure(string reference, DateTimeOffset failedAt)
    {
        Reference = reference;
        FailedAt = failedAt;
    }
}
