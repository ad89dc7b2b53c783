using SocialPrescribing.Contracts;

namespace SocialPrescribing.CaseManagement.Model;

/// <summary>Something for the link worker to do on a case, with when it is due.</summary>
public sealed class CaseTask
{
    /// <summary>Check in with the person about a service they chose themselves in the directory.</summary>
    public const string CheckIn = "check-in";

    /// <summary>A task the link worker set themselves.</summary>
    public const string Reminder = "task";

    /// <summary>Find the person another service after a provider said no or never answered.</summary>
    public const string Alternative = "alternative";

    /// <summary>Act the same day on a risk the person disclosed at a contact (crisis route, GP, safeguarding concern).</summary>
    public const string RiskReview = "risk-review";

    public const int MaxDescriptionLength = 500;

    /// <summary>How far ahead a task may be due.</summary>
    public const int MaxDaysAhead = 730;

    /// <summary>Working days a check-in may wait.</summary>
    public const int CheckInDays = 2;

    private CaseTask()
    {
    }

    public Guid Id { get; private set; }

    public string Kind { get; private set; } = "";

    public string Description { get; private set; } = "";

    /// <summary>The directory service the task is about, if any.</summary>
    public Guid? ServiceId { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset DueBy { get; private set; }

    public DateTimeOffset? DoneAt { get; private set; }

    /// <summary>Who set the task (null for one the service set itself) and who marked it done.</summary>
    public string? CreatedBy { get; private set; }

    public string? DoneBy { get; private set; }

    public bool IsOverdue(DateTimeOffset now) => DoneAt is null && DueBy < now;

    /// <summary>When the team's managers were told this task was not done in time (same-day reviews only; once).</summary>
    public DateTimeOffset? EscalatedAt { get; private set; }

    /// <summary>Notes the escalation of a same-day review past its due time; false when there is nothing (more) to escalate.</summary>
    internal bool Escalate(DateTimeOffset now)
    {
        if (Kind != RiskReview || !IsOverdue(now) || EscalatedAt is not null)
        {
            return false;
        }

        EscalatedAt = now;
        return true;
    }

    internal static CaseTask ReviewRisk(string by, DateTimeOffset dueBy, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        Kind = RiskReview,
        Description = "Risk recorded at a contact: act on it today (crisis team, GP or 999; raise a safeguarding concern if it is one) and record what was done.",
        CreatedAt = now,
        CreatedBy = by,
        DueBy = dueBy,
    };

    internal static CaseTask Set(string? description, DateTimeOffset dueBy, string by, DateTimeOffset now)
    {
        var text = description?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            throw new CaseInputException("description", "Say what needs doing.");
        }

        if (text.Length > MaxDescriptionLength)
        {
            throw new CaseInputException("description", $"The task must be {MaxDescriptionLength} characters or fewer.");
        }

        if (dueBy < now)
        {
            throw new CaseInputException("dueOn", "The due date cannot be in the past.");
        }

        if (dueBy > now.AddDays(MaxDaysAhead))
        {
            throw new CaseInputException("dueOn", "The due date must be within two years from now.");
        }

        return new CaseTask { Id = Guid.CreateVersion7(now), Kind = Reminder, Description = text, CreatedAt = now, CreatedBy = by, DueBy = dueBy };
    }

    internal static CaseTask FindAlternativeTo(Prescription declined, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        Kind = Alternative,
        Description = $"{declined.ServiceName ?? "The service"} {(declined.Status == ProviderReferralStatus.Declined ? "declined" : "did not answer")}"
                      + (declined.Reason is { } reason ? $" ({reason})" : "") + ": find an alternative with the person.",
        ServiceId = declined.ServiceId,
        CreatedAt = now,
        DueBy = AddWorkingDays(now, CheckInDays),
    };

    /// <summary>Marks the task done (once).</summary>
    internal void Done(string by, DateTimeOffset now)
    {
        if (DoneAt is null)
        {
            DoneAt = now;
            DoneBy = by;
        }
    }

    internal static CaseTask CheckInAbout(Guid serviceId, string reference, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        Kind = CheckIn,
        Description = $"The person chose a service in the directory when they referred themselves ({reference}): check in with them about it.",
        ServiceId = serviceId,
        CreatedAt = now,
        DueBy = AddWorkingDays(now, CheckInDays),
    };

    /// <summary><paramref name="days"/> working days (Monday to Friday) after <paramref name="from"/>.</summary>
    public static DateTimeOffset AddWorkingDays(DateTimeOffset from, int days)
    {
        var due = from;
        while (days > 0)
        {
            due = due.AddDays(1);
            if (due.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            {
                days--;
            }
        }

        return due;
    }
}
