namespace SocialPrescribing.WellbeingMetrics.Model;

/// <summary>One completed questionnaire for a case: the answers as given and their score.</summary>
public sealed class Assessment
{
    public Guid Id { get; private set; }

    public Guid CaseId { get; private set; }

    public string InstrumentId { get; private set; } = "";

    /// <summary><c>baseline</c>, <c>followup</c> or <c>final</c>.</summary>
    public string Timepoint { get; private set; } = "";

    /// <summary>1, 2, … for follow-ups; null otherwise.</summary>
    public int? FollowUp { get; private set; }

    /// <summary>Orders timepoints: baseline 0, follow-up n is n, final last.</summary>
    public int Sequence { get; private set; }

    /// <summary><c>online</c>, <c>faceToFace</c> or <c>phone</c> (answers read aloud tend to run higher).</summary>
    public string Mode { get; private set; } = "";

    public DateOnly CompletedOn { get; private set; }

    /// <summary>The user id of whoever recorded it, or <c>self</c> for a one-time link.</summary>
    public string RecordedBy { get; private set; } = "";

    public DateTimeOffset RecordedAt { get; private set; }

    public List<int> Responses { get; private set; } = [];

    /// <summary>The answer to the instrument's supplementary question (UCLA-3: the ONS direct loneliness question).</summary>
    public string? SupplementaryAnswer { get; private set; }

    /// <summary>The language the questions were answered in (<c>en</c> or <c>cy</c>): scores are compared knowing it.</summary>
    public string Language { get; private set; } = AssessmentLanguages.English;

    public Score Score { get; private set; } = null!;

    /// <summary>The score to compare and report (metric where there is one); null when items are never summed.</summary>
    public decimal? Value { get; private set; }

    private Assessment()
    {
    }

    public static Assessment Record(
        Guid caseId, InstrumentDefinition instrument, Timepoint timepoint, string mode, DateOnly completedOn,
        IReadOnlyList<int> responses, string? supplementaryAnswer, string recordedBy, DateTimeOffset now, string language = AssessmentLanguages.English)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        ArgumentNullException.ThrowIfNull(timepoint);
        var score = Scoring.Score(instrument, responses);
        return new Assessment
        {
            Id = Guid.CreateVersion7(now),
            CaseId = caseId,
            InstrumentId = instrument.Id,
            Timepoint = timepoint.Name,
            FollowUp = timepoint.FollowUp,
            Sequence = timepoint.Sequence,
            Mode = mode,
            CompletedOn = completedOn,
            RecordedBy = recordedBy,
            RecordedAt = now,
            Responses = [.. responses],
            SupplementaryAnswer = supplementaryAnswer,
            Language = language,
            Score = score,
            Value = score.Value,
        };
    }
}

/// <summary>When in the journey a questionnaire was taken.</summary>
public sealed record Timepoint(string Name, int? FollowUp)
{
    public const string Baseline = "baseline";
    public const string FollowUpName = "followup";
    public const string Final = "final";
    public const int FinalSequence = 1_000_000;

    public static readonly IReadOnlyList<string> Names = [Baseline, FollowUpName, Final];

    public int Sequence => Name switch
    {
        Baseline => 0,
        Final => FinalSequence,
        _ => FollowUp ?? 1,
    };

    public string Describe() => Name switch
    {
        Baseline => "baseline",
        Final => "final",
        _ => $"follow-up {FollowUp}",
    };
}

/// <summary>The languages a questionnaire may be answered in.</summary>
public static class AssessmentLanguages
{
    public const string English = "en";
    public const string Welsh = "cy";

    public static readonly IReadOnlyList<string> All = [English, Welsh];
}

/// <summary>How a questionnaire was completed.</summary>
public static class AssessmentModes
{
    public const string Online = "online";
    public const string FaceToFace = "faceToFace";
    public const string Phone = "phone";

    public static readonly IReadOnlyList<string> All = [Online, FaceToFace, Phone];
}
