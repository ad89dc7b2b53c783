using Hl7.Fhir.Model;

namespace SocialPrescribing.ReferralIntake.Features.FhirReferrals;

/// <summary>
/// A referral as it arrives: the ServiceRequest (alone, or a message Bundle's focus), how its references resolve, which message
/// it came in (to recognise a resend), and whether the sender asked only for it to be checked.
/// </summary>
/// <param name="MessageId">The message's identity, <c>system|value</c>: <c>Bundle.identifier</c>, else <c>Bundle.id</c>, else the
/// MessageHeader's id or <c>fullUrl</c>; null for a ServiceRequest sent on its own.</param>
/// <param name="ValidationOnly">A BaRS validation request: checked and answered, no referral made.</param>
/// <param name="SenderOrganisation">The sending organisation's name (<c>MessageHeader.sender</c>): the referrer's organisation
/// when the requester names none.</param>
/// <param name="Resources">Every resource the message carries (the Bundle's entries, or the ServiceRequest's contained ones),
/// to find what refers to a resource rather than what it refers to (the PractitionerRole of the requesting Practitioner).</param>
public sealed record FhirReferralMessage(
    ServiceRequest Request, Func<ResourceReference?, Resource?> Resolve, string? MessageId, bool ValidationOnly, string? SenderOrganisation = null)
{
    public IReadOnlyList<Resource> Resources { get; init; } = [.. Request.Contained];
}

public static partial class FhirReferralMapping
{
    public const string ServiceRequestCategorySystem = "https://fhir.nhs.uk/CodeSystem/message-category-servicerequest";

    /// <summary>The referral a posted resource carries (itself, or a message Bundle's focus), or why not, in FHIR's words.</summary>
    public static (FhirReferralMessage? Message, string? Problem) Unwrap(Resource resource)
    {
        switch (resource)
        {
            case ServiceRequest request:
                return (new FhirReferralMessage(request, reference => ResolveContained(request, reference), null, IsValidationRequest(request, null)), null);
            case Bundle { Type: Bundle.BundleType.Message } bundle:
                if (bundle.Entry.FirstOrDefault() is not { Resource: MessageHeader header } headerEntry)
                {
                    return (null, "A message Bundle starts with a MessageHeader (Bundle.entry[0]).");
                }

                var focus = header.Focus.Select(f => ResolveInBundle(bundle, f)).OfType<ServiceRequest>().FirstOrDefault();
                if (focus is null)
                {
                    var named = header.Focus.FirstOrDefault()?.Reference;
                    return (null, named is null
                        ? "The MessageHeader has no focus: it must reference the ServiceRequest in the Bundle."
                        : ResolveInBundle(bundle, header.Focus[0]) is { } other
                            ? $"The MessageHeader's focus {named} is a {other.TypeName}: this service takes referrals (a ServiceRequest)."
                            : $"The MessageHeader's focus {named} could not be resolved in the Bundle.");
                }

                return (new FhirReferralMessage(
                    focus,
                    reference => ResolveContained(focus, reference) ?? ResolveInBundle(bundle, reference),
                    MessageIdOf(bundle, header, headerEntry),
                    IsValidationRequest(focus, header),
                    (ResolveInBundle(bundle, header.Sender) as Organization)?.Name ?? header.Sender?.Display)
                {
                    Resources = [.. focus.Contained, .. bundle.Entry.Select(e => e.Resource).OfType<Resource>()],
                }, null);
            case Bundle:
                return (null, "Only message Bundles (type 'message') are accepted.");
            default:
                return (null, $"Send a ServiceRequest or a message Bundle, not a {resource.TypeName}.");
        }
    }

    /// <summary>
    /// A BaRS validation request: the MessageHeader's event names validation, or the ServiceRequest's category is
    /// <c>validation</c> (<see cref="ServiceRequestCategorySystem"/>). Such a message asks for a check, not a referral.
    /// </summary>
    private static bool IsValidationRequest(ServiceRequest request, MessageHeader? header) =>
        (header?.Event as Coding)?.Code?.Contains("validation", StringComparison.OrdinalIgnoreCase) == true
        || request.Category.SelectMany(c => c.Coding).Any(c =>
            string.Equals(c.Code, "validation", StringComparison.OrdinalIgnoreCase)
            && (c.System is null || c.System == ServiceRequestCategorySystem));

    private static string? MessageIdOf(Bundle bundle, MessageHeader header, Bundle.EntryComponent headerEntry) =>
        bundle.Identifier is { Value.Length: > 0 } identifier ? $"{identifier.System ?? "bundle-identifier"}|{identifier.Value}"
        : !string.IsNullOrEmpty(bundle.Id) ? $"bundle|{bundle.Id}"
        : !string.IsNullOrEmpty(header.Id) ? $"message-header|{header.Id}"
        : !string.IsNullOrEmpty(headerEntry.FullUrl) ? $"message-header|{headerEntry.FullUrl}"
        : null;
}
