using Microsoft.EntityFrameworkCore;
using SocialPrescribing.CaseManagement.Model;
using SocialPrescribing.Contracts;
using SocialPrescribing.Authentication;

namespace SocialPrescribing.CaseManagement.Features.AssignCase;

/// <summary>Giving and taking cases, for the API and the case page alike.</summary>
public static class AssignCaseHandler
{
    /// <summary>Gives the case to a link worker of its team (one the roster knows); nothing changes if they already hold it.</summary>
    public static Task<CaseChangeResult> AssignAsync(CaseServices services, Guid id, string assignee, CancellationToken cancellationToken) =>
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

    /// <summary>A link worker takes an unassigned case of their team.</summary>
    public static Task<CaseChangeResult> TakeAsync(CaseServices services, Guid id, CancellationToken cancellationToken) =>
        services.ChangeAsync(id, found =>
            Task.FromResult<IReadOnlyList<IIntegrationEvent>>(found.Take(services.Http.Actor(), services.Time.GetUtcNow()) is { } assigned ? [assigned] : []), cancellationToken);
}
