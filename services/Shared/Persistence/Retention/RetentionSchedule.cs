using Microsoft.Extensions.Configuration;

namespace SocialPrescribing.Persistence.Retention;

/// <summary>One line of the retention schedule: its setting (<c>Retention:{Key}</c>), its default and what it covers.</summary>
public sealed record RetentionEntry(string Key, string Default, string Covers)
{
    public string Setting => $"{RetentionSchedule.Section}:{Key}";
}

/// <summary>
/// The retention schedule, one list for every service (each applies the lines that concern its records) and for
/// the privacy notice, so they always agree. Defaults follow the NHS Records Management Code of Practice; each
/// line is a setting. Every service reads every line at start and refuses to start, naming the setting, when
/// one is not a positive duration.
/// </summary>
public static class RetentionSchedule
{
    public const string Section = "Retention";

    public static readonly RetentionEntry UnconvertedReferrals = new(
        "UnconvertedReferrals", "2y", "Referrals that never became a case (declined, withdrawn or never taken up), counted from when they were made");

    public static readonly RetentionEntry ClosedCases = new(
        "ClosedCases", "8y", "Closed cases with their referrals, notes, appointments, prescriptions, questionnaires and scores, and providers' referrals, counted from closure");

    public static readonly RetentionEntry Audit = new(
        "Audit", "8y", "The audit trail (who read or changed a record, searches by staff, erasure and export requests)");

    public static readonly RetentionEntry FailedMessages = new(
        "FailedMessages", "30d", "Messages between services that could not be handled (kept for staff to replay)");

    public static readonly RetentionEntry CompletionLinks = new(
        "CompletionLinks", "30d", "Links sent to a person to fill in a questionnaire, counted from when the link expired");

    public static readonly RetentionEntry Exports = new(
        "Exports", "30d", "Subject access exports waiting to be downloaded, counted from the request");

    public static readonly IReadOnlyList<RetentionEntry> All = [UnconvertedReferrals, ClosedCases, Audit, FailedMessages, CompletionLinks, Exports];

    /// <summary>The period of one line: its setting, or its default.</summary>
    public static RetentionPeriod Read(IConfiguration configuration, RetentionEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return RetentionPeriod.Read(configuration, entry.Setting, entry.Default);
    }

    /// <summary>Every line with its period; throws, naming the setting, at the first that is not a positive duration.</summary>
    public static RetentionPeriods ReadAll(IConfiguration configuration) =>
        new([.. All.Select(entry => (entry, Read(configuration, entry)))]);
}

/// <summary>The schedule as this service was started with it (one singleton, read and checked at start).</summary>
public sealed class RetentionPeriods(IReadOnlyList<(RetentionEntry Entry, RetentionPeriod Period)> lines)
{
    public IReadOnlyList<(RetentionEntry Entry, RetentionPeriod Period)> Lines { get; } = lines;

    public RetentionPeriod this[RetentionEntry entry] => Lines.Single(l => l.Entry.Key == entry.Key).Period;
}
