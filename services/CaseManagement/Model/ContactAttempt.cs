namespace SocialPrescribing.CaseManagement.Model;

/// <summary>One try at reaching the person (or a meeting they did not come to), and how it went.</summary>
public sealed class ContactAttempt
{
    public const string Reached = "reached";
    public const string NoAnswer = "noAnswer";
    public const string DidNotAttend = "didNotAttend";

    public static readonly IReadOnlyList<string> Outcomes = [Reached, NoAnswer, DidNotAttend];

    public static readonly IReadOnlyList<string> Modes = ["phone", "text", "email", "letter", "faceToFace", "video"];

    public const int MaxNoteLength = 2000;

    /// <summary>Failed attempts in a row after which the case is suggested for <see cref="CaseStep.UnableToContact"/>.</summary>
    public const int FailuresBeforeSuggestingExit = 3;

    private ContactAttempt()
    {
    }

    public Guid Id { get; private set; }

    public DateTimeOffset At { get; private set; }

    public string Mode { get; private set; } = "";

    public string Outcome { get; private set; } = "";

    /// <summary>The meeting this attempt was, when it was one (attended or not).</summary>
    public Guid? AppointmentId { get; private set; }

    public string? Note { get; private set; }

    public string By { get; private set; } = "";

    public DateTimeOffset RecordedAt { get; private set; }

    public bool Failed => Outcome != Reached;

    /// <summary>The link worker recorded that the person is at risk (of harm to self or others, or in crisis).</summary>
    public bool Risk { get; private set; }

    internal static ContactAttempt Record(ContactRecord contact, string by, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        At = contact.At,
        Mode = contact.Mode,
        Outcome = contact.Outcome,
        AppointmentId = contact.AppointmentId,
        Note = contact.Note,
        Risk = contact.Risk,
        By = by,
        RecordedAt = now,
    };
}

/// <summary>A contact attempt as the link worker reports it, checked when made: a known mode and outcome, not in the future.</summary>
public sealed record ContactRecord
{
    public ContactRecord(DateTimeOffset? at, string? mode, string? outcome, Guid? appointmentId, string? note, DateTimeOffset now, bool risk = false)
    {
        var when = at ?? now;
        if (when > now.AddMinutes(5))
        {
            throw new CaseInputException("at", "A contact attempt cannot be in the future.");
        }

        if (outcome is null || !ContactAttempt.Outcomes.Contains(outcome))
        {
            throw new CaseInputException("outcome", $"Say how it went: one of {string.Join(", ", ContactAttempt.Outcomes)}.");
        }

        if (risk && outcome != ContactAttempt.Reached)
        {
            throw new CaseInputException("risk", "Risk is recorded at a contact that reached the person. To act on a worry without a contact, raise a safeguarding concern or write a note.");
        }

        var how = mode ?? (appointmentId is null ? "phone" : "faceToFace");
        if (!ContactAttempt.Modes.Contains(how))
        {
            throw new CaseInputException("mode", $"The mode must be one of {string.Join(", ", ContactAttempt.Modes)}.");
        }

        var text = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (text?.Length > ContactAttempt.MaxNoteLength)
        {
            throw new CaseInputException("note", $"The note must be {ContactAttempt.MaxNoteLength} characters or fewer.");
        }

        At = when.ToUniversalTime();
        Mode = how;
        Outcome = outcome;
        AppointmentId = appointmentId;
        Note = text;
        Risk = risk;
    }

    /// <summary>The person disclosed a risk (harm to self or others, crisis): the case becomes urgent again.</summary>
    public bool Risk { get; }

    public DateTimeOffset At { get; }

    public string Mode { get; }

    public string Outcome { get; }

    public Guid? AppointmentId { get; }

    public string? Note { get; }
}
