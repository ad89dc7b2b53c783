using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using SocialPrescribing.Authentication;
using SocialPrescribing.CaseManagement.Extensions;
using SocialPrescribing.CaseManagement.Model;
using SocialPrescribing.Contracts;
using SocialPrescribing.Messaging.Audit;
using SocialPrescribing.Messaging.Outbox;

namespace SocialPrescribing.CaseManagement.Apis;

/// <summary>How a change to a case went: done, or why not (in words a person can act on).</summary>
public sealed record CaseChangeResult(CaseChangeStatus Status, string? Title = null, string? Detail = null, string? Field = null,
    IReadOnlyDictionary<string, object?>? Extensions = null)
{
    public static readonly CaseChangeResult Done = new(CaseChangeStatus.Done);
    public static readonly CaseChangeResult NotFound = new(CaseChangeStatus.NotFound);

    /// <summary>The API's answer: the case after the change, 404, 400 naming the field, or a 409 problem.</summary>
    public async Task<Results<Ok<CaseView>, NotFound, ValidationProblem, ProblemHttpResult>> ToHttpAsync(CaseServices services, Guid id, CancellationToken cancellationToken) =>
        Status switch
        {
            CaseChangeStatus.Done => TypedResults.Ok((await CaseView.FindAsync(services.Db.Cases.Where(c => c.Id == id), services.Time.GetUtcNow(), cancellationToken))!),
            CaseChangeStatus.NotFound => TypedResults.NotFound(),
            CaseChangeStatus.Invalid => TypedResults.ValidationProblem(new Dictionary<string, string[]> { [Field!] = [Detail!] }, title: Title),
            _ => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: Title, detail: Detail, extensions: Extensions),
        };
}

public enum CaseChangeStatus
{
    Done,
    NotFound,

    /// <summary>Something given is wrong (400, naming the field).</summary>
    Invalid,

    /// <summary>The case cannot take the change as it stands (409).</summary>
    Refused,
}

/// <summary>The one way a case is changed, by the API and the link worker's screens alike.</summary>
public static class CaseChanges
{
    /// <summary>
    /// Loads a case the caller may see, applies <paramref name="change"/>, and commits it with its
    /// events and the audit entry, in one transaction. Domain refusals come back as results saying
    /// what is allowed or missing; nothing is stored then.
    /// </summary>
    public static async Task<CaseChangeResult> ChangeAsync(
        this CaseServices services, Guid id, Func<Case, Task<IReadOnlyList<IIntegrationEvent>>> change, CancellationToken cancellationToken)
    {
        var db = services.Db;
        var found = await db.Cases.VisibleTo(services.Http.User).SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (found is null)
        {
            return CaseChangeResult.NotFound;
        }

        IReadOnlyList<IIntegrationEvent> events;
        try
        {
            events = await change(found);
        }
        catch (CaseInputException ex)
        {
            return new CaseChangeResult(CaseChangeStatus.Invalid, "The change has a mistake", ex.Message, ex.Field);
        }
        catch (IllegalStepException ex)
        {
            return new CaseChangeResult(CaseChangeStatus.Refused, "The case cannot make that move", ex.Message,
                Extensions: new Dictionary<string, object?> { ["allowedNextSteps"] = ex.Allowed.Select(s => s.ToString()).ToArray() });
        }
        catch (StepEvidenceMissingException ex)
        {
            return new CaseChangeResult(CaseChangeStatus.Refused, "Something must be recorded first", ex.Message,
                Extensions: new Dictionary<string, object?> { ["missing"] = ex.Missing });
        }
        catch (CaseClosedException ex)
        {
            return new CaseChangeResult(CaseChangeStatus.Refused, "The case is closed", ex.Message);
        }
        catch (CaseHeldException ex)
        {
            return new CaseChangeResult(CaseChangeStatus.Refused, "Another link worker holds the case", ex.Message);
        }

        foreach (var @event in events)
        {
            db.AddIntegrationEvent(@event, found.Id.ToString());
        }

        db.Audit(services.Http, "write", CaseServices.AuditResource, [found.Id], services.Time);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new CaseChangeResult(CaseChangeStatus.Refused, "The case changed meanwhile",
                "Someone else changed this case at the same time. Look at it again, then repeat your change if it is still needed.");
        }

        return CaseChangeResult.Done;
    }

    /// <summary>A change that publishes nothing.</summary>
    public static Task<CaseChangeResult> ChangeAsync(this CaseServices services, Guid id, Action<Case> change, CancellationToken cancellationToken) =>
        services.ChangeAsync(id, found =>
        {
            change(found);
            return Task.FromResult<IReadOnlyList<IIntegrationEvent>>([]);
        }, cancellationToken);

    /// <summary>Gives the case to a link worker of its team (one the roster knows); nothing changes if they already hold it.</summary>
    public static Task<CaseChangeResult> AssignAsync(this CaseServices services, Guid id, string assignee, CancellationToken cancellationToken) =>
        services.ChangeAsync(id, async found =>
        {
            var worker = await services.Db.LinkWorkers.AsNoTracking().SingleOrDefaultAsync(w => w.UserId == assignee, cancellationToken);
            if (worker is null || !worker.Teams.Contains(found.Team))
            {
                throw new CaseInputException("assignedTo",
                    $"No link worker of team {found.Team} has that user id. Link workers join their team's roster the first time they sign in.");
            }

            return found.AssignTo(assignee, services.Time.GetUtcNow()) is { } assigned ? [assigned] : [];
        }, cancellationToken);

    /// <summary>The meetings already booked for <paramref name="found"/>'s link worker on their other cases, around <paramref name="time"/>.</summary>
    public static async Task<IReadOnlyList<(DateTimeOffset Start, DateTimeOffset End)>> OtherBookingsAsync(
        this CaseServices services, Case found, AppointmentTime time, CancellationToken cancellationToken)
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

    /// <summary>Who made a change: the caller's user id.</summary>
    public static string Actor(this HttpContext http) => http.User.FindFirst(SuiteAuthentication.SubjectClaim)?.Value ?? "unknown";
}
