using Hl7.Fhir.Model;
using SocialPrescribing.ReferralIntake.Model;

namespace SocialPrescribing.ReferralIntake.Features.FhirReferrals;

/// <summary>What the sending system said about the referral, kept as sent.</summary>
public static partial class FhirReferralMapping
{
    /// <summary>
    /// What the sender said, kept as sent: <c>authoredOn</c>, <c>priority</c>, <c>patientInstruction</c>, every coded or written
    /// reason (<c>reasonCode</c>; a <c>reasonReference</c>'s Condition code and text, or the reference's display; the activities
    /// and addressed Conditions of the CarePlan it is based on, where BaRS puts them), and the referrer's phone.
    /// </summary>
    public static SenderDetails SenderOf(ServiceRequest request, Func<ResourceReference?, Resource?> resolve)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(resolve);
        var reasons = request.ReasonCode.SelectMany(ReasonsOf)
            .Concat(request.ReasonReference.SelectMany(r => resolve(r) switch
            {
                Condition condition when condition.Code is { } code => ReasonsOf(code),
                _ when !string.IsNullOrWhiteSpace(r.Display) => [new SenderReason(null, null, null, Clip(r.Display))],
                _ => [],
            }))
            .Concat(CarePlansOf(request, resolve).SelectMany(plan => CarePlanReasons(plan, resolve)).SelectMany(ReasonsOf))
            .Where(r => r.System != NeedSystem)
            .Take(SenderDetails.MaxReasons)
            .ToList();
        var requester = resolve(request.Requester);
        var telecom = requester switch
        {
            PractitionerRole role => role.Telecom.Concat((ResolveWithin(role, role.Practitioner, resolve) as Practitioner)?.Telecom ?? []),
            Practitioner practitioner => practitioner.Telecom,
            Organization organisation => organisation.Telecom,
            _ => [],
        };
        var phone = telecom.FirstOrDefault(t => t.System == ContactPoint.ContactPointSystem.Phone && !string.IsNullOrWhiteSpace(t.Value))?.Value;
        return new SenderDetails(
            request.AuthoredOn, request.Priority?.ToString().ToLowerInvariant(), Clip(request.PatientInstruction), reasons, Clip(phone));
    }

    private static IEnumerable<SenderReason> ReasonsOf(CodeableConcept concept)
    {
        var codings = concept.Coding.Where(c => !string.IsNullOrWhiteSpace(c.Code)).ToList();
        return codings.Count == 0
            ? string.IsNullOrWhiteSpace(concept.Text) ? [] : [new SenderReason(null, null, null, Clip(concept.Text))]
            : codings.Select(c => new SenderReason(Clip(c.System), Clip(c.Code), Clip(c.Display), Clip(concept.Text)));
    }

    private static string? Clip(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null : text.Trim() is var trimmed && trimmed.Length > SenderDetails.MaxTextLength ? trimmed[..SenderDetails.MaxTextLength] : text.Trim();
}
