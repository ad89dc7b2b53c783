using Microsoft.AspNetCore.Mvc;
using SocialPrescribing.CaseManagement.Features;
using SocialPrescribing.CaseManagement.Features.Prescribe;
using SocialPrescribing.CaseManagement.Model;
using SocialPrescribing.Contracts;

namespace SocialPrescribing.CaseManagement.Pages.Caseworker;

/// <summary>The social prescription from the case page: what the provider may know, checked here, then the Prescribe use case.</summary>
public sealed partial class CaseModel
{
    public Task<IActionResult> OnPostPrescribeAsync(Guid id, CancellationToken cancellationToken)
    {
        var prefix = $"refer-{ServiceId}";
        if (string.IsNullOrWhiteSpace(GivenName))
        {
            Errors[$"{prefix}-name"] = "Enter the person's first name, so the provider can greet them.";
        }

        if (!PersonAgreed)
        {
            Errors[$"{prefix}-agreed"] = "Confirm the person agreed to their details going to the provider.";
        }

        var phone = Limit(Phone, 32);
        if (phone is not null && !PrescriptionRequest.IsPhone(phone))
        {
            Errors[$"{prefix}-phone"] = "Enter a phone number using digits, spaces and + ( ) - only.";
        }

        var email = Limit(Email, 254);
        if (email is not null && !PrescriptionRequest.IsEmail(email))
        {
            Errors[$"{prefix}-email"] = "Enter an email address such as name@example.com.";
        }

        if (ServiceId is not { } serviceId || Errors.Count > 0)
        {
            return ShowAsync(id, cancellationToken);
        }

        var request = new PrescriptionRequest(serviceId, Limit(ServiceName, 200), new SharedWithProvider(GivenName!.Trim()[..Math.Min(GivenName.Trim().Length, 100)], phone, email), Limit(Text, CaseRequests.MaxReasonLength));
        return ChangeAsync(id, "prescribed", $"{prefix}-name", () => PrescribeHandler.PrescribeAsync(Services, id, request, null, cancellationToken), cancellationToken);
    }

    /// <summary>Takes back a request still waiting (for an answer, or on a waiting list), so the link worker can choose another service.</summary>
    public Task<IActionResult> OnPostWithdrawAsync(Guid id, CancellationToken cancellationToken) =>
        PrescriptionId is { } prescriptionId
            ? ChangeAsync(id, "withdrawn", "prescription", () => PrescribeHandler.WithdrawAsync(Services, id, prescriptionId, cancellationToken), cancellationToken)
            : ShowAsync(id, cancellationToken);
}
