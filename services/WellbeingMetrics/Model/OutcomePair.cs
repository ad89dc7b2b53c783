namespace SocialPrescribing.WellbeingMetrics.Model;

/// <summary>
/// A case's baseline and latest later score on one measure of one instrument (the score, or one item
/// of an item-by-item instrument), kept up to date as scores are recorded, for the outcome reports:
/// whole hundredths (exact sums), whether the change is a meaningful improvement, and what the
/// reports group by (copied from the case; the link worker follows reassignment). A person is counted
/// once, in the period of their latest score.
/// </summary>
public sealed class OutcomePair
{
    public Guid CaseId { get; private set; }

    public string InstrumentId { get; private set; } = "";

    /// <summary>0 for the instrument's score; the item's number for item-by-item instruments.</summary>
    public short Measure { get; private set; }

    /// <summary>The baseline value in hundredths (19.25 → 1925).</summary>
    public int Baseline { get; private set; }

    /// <summary>The latest later value in hundredths.</summary>
    public int Latest { get; private set; }

    public DateOnly LatestOn { get; private set; }

    /// <summary>A meaningful change in the better direction; null where the instrument makes no such claim.</summary>
    public bool? Improved { get; private set; }

    public string? Source { get; private set; }

    public string? LinkWorker { get; private set; }

    public List<string> Needs { get; private set; } = [];

    private OutcomePair()
    {
    }
}
