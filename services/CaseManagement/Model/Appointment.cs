namespace SocialPrescribing.CaseManagement.Model;

/// <summary>A meeting booked with the person: when, how long, how (face to face, phone, video) and where.</summary>
public sealed class Appointment
{
    public const string Booked = "booked";
    public const string Cancelled = "cancelled";
    public const string Attended = "attended";
    public const string DidNotAttend = "didNotAttend";

    /// <summary>How a meeting happens.</summary>
    public static readonly IReadOnlyList<string> Modes = ["faceToFace", "phone", "video"];

    public const int MinMinutes = 10;
    public const int MaxMinutes = 240;
    public const int DefaultMinutes = 60;
    public const int MaxPlaceLength = 200;

    /// <summary>How far ahead a meeting may be booked.</summary>
    public const int MaxDaysAhead = 730;

    private Appointment()
    {
    }

    public Guid Id { get; private set; }

    public DateTimeOffset StartsAt { get; private set; }

    public int DurationMinutes { get; private set; }

    public string Mode { get; private set; } = "";

    /// <summary>Where a face-to-face meeting is (a library, a GP surgery, the person's home).</summary>
    public string? Place { get; private set; }

    public string Status { get; private set; } = Booked;

    public string? CancelReason { get; private set; }

    public string BookedBy { get; private set; } = "";

    public DateTimeOffset BookedAt { get; private set; }

    /// <summary>Who last moved, cancelled or recorded the meeting, and when.</summary>
    public string? ChangedBy { get; private set; }

    public DateTimeOffset? ChangedAt { get; private set; }

    public DateTimeOffset EndsAt => StartsAt.AddMinutes(DurationMinutes);

    /// <summary>True when this booked meeting shares any minute with [<paramref name="start"/>, <paramref name="end"/>).</summary>
    public bool Overlaps(DateTimeOffset start, DateTimeOffset end) => Status == Booked && StartsAt < end && start < EndsAt;

    internal static Appointment Book(AppointmentTime time, string by, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        StartsAt = time.StartsAt,
        DurationMinutes = time.DurationMinutes,
        Mode = time.Mode,
        Place = time.Place,
        BookedBy = by,
        BookedAt = now,
    };

    internal void Move(AppointmentTime time, string by, DateTimeOffset now)
    {
        Changed(by, now);
        StartsAt = time.StartsAt;
        DurationMinutes = time.DurationMinutes;
        Mode = time.Mode;
        Place = time.Place;
    }

    internal void Cancel(string? reason, string by, DateTimeOffset now)
    {
        Changed(by, now);
        Status = Cancelled;
        CancelReason = reason;
    }

    internal void Record(string contactOutcome, string by, DateTimeOffset now)
    {
        Changed(by, now);
        Status = contactOutcome == ContactAttempt.DidNotAttend ? DidNotAttend : Attended;
    }

    private void Changed(string by, DateTimeOffset now)
    {
        ChangedBy = by;
        ChangedAt = now;
    }
}

/// <summary>
/// When, how long, how and where a meeting is; checked when made: a start in the future, a length
/// between <see cref="Appointment.MinMinutes"/> and <see cref="Appointment.MaxMinutes"/>, a known mode.
/// </summary>
public sealed record AppointmentTime
{
    public AppointmentTime(DateTimeOffset startsAt, int? durationMinutes, string? mode, string? place, DateTimeOffset now)
    {
        if (startsAt <= now)
        {
            throw new CaseInputException("startsAt", "The appointment must start in the future.");
        }

        if (startsAt > now.AddDays(Appointment.MaxDaysAhead))
        {
            throw new CaseInputException("startsAt", "The appointment must be within two years from now.");
        }

        var minutes = durationMinutes ?? Appointment.DefaultMinutes;
        if (minutes is < Appointment.MinMinutes or > Appointment.MaxMinutes)
        {
            throw new CaseInputException("durationMinutes", $"An appointment lasts between {Appointment.MinMinutes} and {Appointment.MaxMinutes} minutes.");
        }

        var how = mode ?? "faceToFace";
        if (!Appointment.Modes.Contains(how))
        {
            throw new CaseInputException("mode", $"The mode must be one of {string.Join(", ", Appointment.Modes)}.");
        }

        var where = string.IsNullOrWhiteSpace(place) ? null : place.Trim();
        if (where?.Length > Appointment.MaxPlaceLength)
        {
            throw new CaseInputException("place", $"The place must be {Appointment.MaxPlaceLength} characters or fewer.");
        }

        StartsAt = startsAt.ToUniversalTime();
        DurationMinutes = minutes;
        Mode = how;
        Place = where;
    }

    public DateTimeOffset StartsAt { get; }

    public int DurationMinutes { get; }

    public string Mode { get; }

    public string? Place { get; }

    /// <summary>Who last moved, cancelled or recorded the meeting, and when.</summary>
    public string? ChangedBy { get; private set; }

    public DateTimeOffset? ChangedAt { get; private set; }

    public DateTimeOffset EndsAt => StartsAt.AddMinutes(DurationMinutes);
}
