using Microsoft.EntityFrameworkCore;
using SocialPrescribing.CaseManagement.Model;

namespace SocialPrescribing.CaseManagement.Features.Diary;

/// <summary>A meeting in a link worker's diary: when, how and where, whose case (its reference), and whether it moved or was cancelled.</summary>
public sealed record DiaryMeeting(
    Guid MeetingId, Guid CaseId, Guid ReferralId, string Reference, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string Mode, string? Place,
    string Status, bool Moved, DateTimeOffset? ChangedAt)
{
    public bool Cancelled => Status == Appointment.Cancelled;
}

/// <summary>
/// A link worker's meetings across the cases assigned to them, in a range of days on the team's clocks: at most
/// <see cref="MaxDays"/> days (a longer range is a mistake, answered 400).
/// </summary>
public static class DiaryMeetings
{
    public const int MaxDays = 92;

    /// <summary>Checks a range of days; the error names the field.</summary>
    public static (string Field, string Message)? Check(DateOnly from, DateOnly to) =>
        to < from ? ("to", "The last day must not be before the first.")
        : to.DayNumber - from.DayNumber + 1 > MaxDays ? ("to", $"Show at most {MaxDays} days (about 3 months) at a time.")
        : null;

    /// <summary>
    /// The meetings of the cases <paramref name="worker"/> holds among <paramref name="visible"/> (what the caller may
    /// see), starting in [<paramref name="from"/>, <paramref name="to"/>), in time order, cancelled ones included.
    /// </summary>
    public static async Task<List<DiaryMeeting>> ForAsync(
        IQueryable<Case> visible, string worker, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var rows = await visible.AsNoTracking()
            .Where(c => c.AssignedTo == worker)
            .SelectMany(c => c.Appointments.Where(a => a.StartsAt >= from && a.StartsAt < to), (c, a) => new
            {
                a.Id, CaseId = c.Id, c.ReferralId, c.Reference, a.StartsAt, a.DurationMinutes, a.Mode, a.Place, a.Status, a.ChangedAt,
            })
            .ToListAsync(cancellationToken);
        return [.. rows.OrderBy(r => r.StartsAt).Select(r => new DiaryMeeting(
            r.Id, r.CaseId, r.ReferralId, r.Reference, r.StartsAt, r.StartsAt.AddMinutes(r.DurationMinutes), r.Mode, r.Place, r.Status,
            r.Status == Appointment.Booked && r.ChangedAt != null, r.ChangedAt))];
    }
}
