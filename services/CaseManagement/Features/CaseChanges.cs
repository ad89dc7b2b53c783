using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using SocialPrescribing.Authentication;
using SocialPrescribing.Authorization;
using SocialPrescribing.CaseManagement.Infrastructure;
using SocialPrescribing.CaseManagement.Model;
using SocialPrescribing.Contracts;
using SocialPrescribing.Messaging.Audit;
using SocialPrescribing.Messaging.Outbox;
using SocialPrescribing.Validation;

namespace SocialPrescribing.CaseManagement.Features;

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
        catch (PrescriptionSettledException ex)
        {
            return new CaseChangeResult(CaseChangeStatus.Refused, "The request cannot be withdrawn", ex.Message);
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
}
