using SocialPrescribing.CaseManagement.Model;
using SocialPrescribing.Contracts;
using SocialPrescribing.Authentication;

namespace SocialPrescribing.CaseManagement.Features.Prescribe;

/// <summary>The social prescription: a provider asked to take the person on, for the API and the case page alike.</summary>
public static class PrescribeHandler
{
    /// <summary>Asks the provider (only what the person agreed to share goes to them); <paramref name="whatMatters"/>, when given, is recorded with it.</summary>
    public static Task<CaseChangeResult> PrescribeAsync(
        CaseServices services, Guid id, PrescriptionRequest request, string? whatMatters, CancellationToken cancellationToken)
    {
        var now = services.Time.GetUtcNow();
        return services.ChangeAsync(id, found =>
        {
            if (whatMatters is not null)
            {
                found.RecordWhatMatters(whatMatters, now);
            }

            return Task.FromResult<IReadOnlyList<IIntegrationEvent>>([found.Prescribe(request, services.Http.Actor(), now)]);
        }, cancellationToken);
    }

    /// <summary>Takes back a request not yet taken up (waiting for an answer or on a waiting list); the provider's directory is told.</summary>
    public static Task<CaseChangeResult> WithdrawAsync(CaseServices services, Guid id, Guid prescriptionId, CancellationToken cancellationToken)
    {
        var now = services.Time.GetUtcNow();
        return services.ChangeAsync(id, found =>
            Task.FromResult<IReadOnlyList<IIntegrationEvent>>([found.WithdrawPrescription(prescriptionId, now)]), cancellationToken);
    }
}
