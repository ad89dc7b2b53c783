namespace SocialPrescribing.Messaging.Retention;

/// <summary>One run of the service's retention job: when, as of which instant, and how many records each rule removed.</summary>
public sealed class RetentionRun
{
    public long Id { get; private set; }

    /// <summary>The instant the schedule was applied as of (the job's clock when it started).</summary>
    public DateTimeOffset AsOf { get; private set; }

    public DateTimeOffset FinishedAt { get; private set; }

    /// <summary>Records removed or anonymised, by rule.</summary>
    public Dictionary<string, int> Removed { get; private set; } = [];

    /// <summary>Rules that failed this time (the error's type only; they are tried again at the next run).</summary>
    public List<string> Problems { get; private set; } = [];

    private RetentionRun()
    {
    }

    internal RetentionRun(DateTimeOffset asOf, DateTimeOffset finishedAt, Dictionary<string, int> removed, List<string> problems)
    {
        AsOf = asOf;
        FinishedAt = finishedAt;
        Removed = removed;
        Problems = problems;
    }
}
