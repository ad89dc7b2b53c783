namespace SocialPrescribing.CaseManagement.Model;

/// <summary>
/// What goes back to the person's GP record when their case closes, as the person chose
/// (<see cref="Case.ShareWithGp"/>): <c>none</c> sends nothing; <c>codesOnly</c> the SNOMED CT codes
/// only; <c>full</c> the codes with the outcome, the needs, the services and the wellbeing scores.
/// Notes and what matters to the person stay with the link worker.
/// </summary>
public sealed record GpSummary(
    Guid CaseId, string Reference, Guid PersonReference, string ShareWithGp, bool Shared, string Outcome, DateTimeOffset ClosedAt,
    IReadOnlyList<GpCode> Codes, GpDetail? Detail)
{
    public const string SnomedSystem = "http://snomed.info/sct";

    /// <summary>Referral to social prescribing service (procedure): once, when the person accepts.</summary>
    public static readonly GpCode Referred = new("871731000000106", "Referral to social prescribing service (procedure)");

    /// <summary>Social prescribing declined (situation).</summary>
    public static readonly GpCode Declined = new("871711000000103", "Social prescribing declined (situation)");

    public const string SharesNothing = "none";
    public const string SharesCodesOnly = "codesOnly";
    public const string SharesAll = "full";

    /// <summary>The summary of a closed case; refused while the case is open.</summary>
    public static GpSummary Of(Case closed)
    {
        ArgumentNullException.ThrowIfNull(closed);
        if (!closed.IsClosed)
        {
            throw new GpSummaryNotReadyException();
        }

        var ending = closed.History.Last(h => h.To == closed.Step);
        var shared = closed.SharingWithGp is SharesCodesOnly or SharesAll;
        List<GpCodeAt> codes = [];
        // The person accepted social prescribing when they agreed to meet their link worker.
        if (closed.History.FirstOrDefault(h => h.To == CaseStep.AssessmentArranged) is { } accepted)
        {
            codes.Add(new GpCodeAt(Referred, accepted.At));
        }

        if (closed.Step == CaseStep.Declined)
        {
            codes.Add(new GpCodeAt(Declined, ending.At));
        }

        var detail = closed.SharingWithGp == SharesAll
            ? new GpDetail(ending.Reason, closed.Needs,
                [.. closed.Prescriptions.OrderBy(p => p.RequestedAt).Select(p => new GpService(p.ServiceName ?? "Community service", p.Status, p.RequestedAt))],
                [.. closed.Scores.OrderBy(s => s.CompletedOn)])
            : null;
        return new GpSummary(closed.Id, closed.Reference, closed.PersonReference, closed.SharingWithGp, shared, closed.Step.ToString(), ending.At,
            shared ? [.. codes.Select(c => c.Code with { At = c.At })] : [], detail);
    }

    private sealed record GpCodeAt(GpCode Code, DateTimeOffset At);
}

/// <summary>A SNOMED CT code for the GP record, and when it applies.</summary>
public sealed record GpCode(string Code, string Display, DateTimeOffset? At = null)
{
    public string System => GpSummary.SnomedSystem;
}

/// <summary>What a <c>full</c> summary adds to the codes.</summary>
public sealed record GpDetail(string? OutcomeReason, IReadOnlyList<string> Needs, IReadOnlyList<GpService> Services, IReadOnlyList<ScoreTaken> Scores);

/// <summary>A community service the person was referred to, and how that went.</summary>
public sealed record GpService(string Name, string Status, DateTimeOffset RequestedAt);

/// <summary>The GP summary is made when the case closes.</summary>
public sealed class GpSummaryNotReadyException()
    : Exception("The GP summary is made when the case closes: the case is still open.");
