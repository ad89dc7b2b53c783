using Microsoft.EntityFrameworkCore;
using SocialPrescribing.CaseManagement.Model;
using SocialPrescribing.Authentication;
using SocialPrescribing.Contracts;

namespace SocialPrescribing.CaseManagement.Features.Meetings;

/// <summary>Booking, moving and cancelling meetings, for the API and the case page alike; a meeting never overlaps another of the link worker's.</summary>
public static class MeetingHandler
{
    public static Task<CaseChangeResult> BookAsync(
        CaseServices services, Guid id, DateTimeOffset startsAt, int? minutes, string? mode, string? place, CancellationToken cancellationToken) =>
        services.ChangeAsync(id, async found =>
        {
            var time = new AppointmentTime(startsAt, minutes, mode, place, services.Time.GetUtcNow());
            var booked = found.Book(time, await OtherBookingsAsync(services, found, time, cancellationToken), services.Http.Actor(), services.Time.GetUtcNow());
            return [Told(found, booked, "booked", services.Time.GetUtcNow())];
        }, cancellationToken);

    public static Task<CaseChangeResult> MoveAsync(
        CaseServices services, Guid id, Guid appointmentId, DateTimeOffset startsAt, int? minutes, string? mode, string? place, CancellationToken cancellationToken) =>
        services.ChangeAsync(id, async found =>
        {
            var time = new AppointmentTime(startsAt, minutes, mode, place, services.Time.GetUtcNow());
            found.MoveAppointment(appointmentId, time, await OtherBookingsAsync(services, found, time, cancellationToken), services.Http.Actor(), services.Time.GetUtcNow());
            return [Told(found, found.Appointments.Single(a => a.Id == appointmentId), "moved", services.Time.GetUtcNow())];
        }, cancellationToken);

    public static Task<CaseChangeResult> CancelAsync(CaseServices services, Guid id, Guid appointmentId, string? reason, CancellationToken cancellationToken) =>
        services.ChangeAsync(id, found =>
        {
            found.CancelAppointment(appointmentId, reason, services.Http.Actor(), services.Time.GetUtcNow());
            return Task.FromResult<IReadOnlyList<IIntegrationEvent>>([Told(found, found.Appointments.Single(a => a.Id == appointmentId), "cancelled", services.Time.GetUtcNow())]);
        }, cancellationToken);

    /// <summary>What the person is told (by the Notifications service): the meeting's time, length, way and place; the reason for a cancellation stays here.</summary>
    private static MeetingChanged Told(Case found, Appointment meeting, string change, DateTimeOffset now) =>
        new(Guid.CreateVersion7(now), now, found.Id, found.ReferralIds, meeting.Id, change, meeting.StartsAt, meeting.DurationMinutes, meeting.Mode, meeting.Place);

    /// <summary>The meetings already booked for <paramref name="found"/>'s link worker on their other cases, around <paramref name="time"/>.</summary>
    public static async Task<IReadOnlyList<(DateTimeOffset Start, DateTimeOffset End)>> OtherBookingsAsync(
        CaseServices services, Case found, AppointmentTime time, CancellationToken cancellationToken)
    {
        if (found.AssignedTo is not { } worker)
        {
            return [];
        }

        var earliest = time.StartsAt.AddMinutes(-Appointment.MaxMinutes);
        var booked = await services.Db.Cases.AsNoTracking()
            .Where(c => c.AssignedTo == worker && c.Id != found.Id)
            .SelectMany(c => c.Appointments)
            .Where(a => a.Status == Appointment.Booked && a.StartsAt < time.EndsAt && a.StartsAt > earliest)
            .Select(a => new { a.StartsAt, a.DurationMinutes })
            .ToListAsync(cancellationToken);
        return [.. booked.Select(a => (a.StartsAt, a.StartsAt.AddMinutes(a.DurationMinutes)))];
    }
}
