using Hl7.Fhir.Model;
using SocialPrescribing.ReferralIntake.Model;

namespace SocialPrescribing.ReferralIntake.Features.FhirReferrals;

/// <summary>The people in a FHIR referral: the person's own phone and email, and who referred them.</summary>
public static partial class FhirReferralMapping
{
    /// <summary>
    /// The person's own phone and email: on the Patient, or on a <c>Patient.contact</c> whose relationship is ONESELF (where
    /// BaRS puts them). Among several, the lowest <c>rank</c> first, then a mobile (texts need one); old ones are skipped.
    /// </summary>
    public static (string? Phone, string? Email) ContactOf(Patient patient)
    {
        ArgumentNullException.ThrowIfNull(patient);
        var points = patient.Telecom
            .Concat(patient.Contact.Where(c => c.Relationship.SelectMany(r => r.Coding).Any(x => x.Code == "ONESELF")).SelectMany(c => c.Telecom))
            .Where(t => !string.IsNullOrWhiteSpace(t.Value) && t.Use != ContactPoint.ContactPointUse.Old)
            .ToList();
        var phone = points
            .Where(t => t.System is ContactPoint.ContactPointSystem.Phone or ContactPoint.ContactPointSystem.Sms)
            .OrderBy(t => t.Rank ?? int.MaxValue)
            .ThenBy(t => t.Use == ContactPoint.ContactPointUse.Mobile || t.System == ContactPoint.ContactPointSystem.Sms ? 0 : 1)
            .FirstOrDefault()?.Value;
        var email = points.Where(t => t.System == ContactPoint.ContactPointSystem.Email).OrderBy(t => t.Rank ?? int.MaxValue).FirstOrDefault()?.Value;
        return (phone?.Trim(), email?.Trim());
    }

    /// <summary>
    /// The referrer from whatever the sender gives: a PractitionerRole (its practitioner and organisation resolved in the
    /// Bundle or contained; the role from its code, e.g. a SNOMED occupation), a Practitioner, an Organization, or a
    /// reference with only an identifier (SDS role profile, GMC/NMC/HCPC number, ODS code) or only a display.
    /// </summary>
    private static ReferrerDetails? Referrer(FhirReferralMessage message) => Referrer(message.Request.Requester, message.Resolve, SourceRole(message.Request), message.Resources);

    /// <summary>
    /// As above; a Practitioner with a PractitionerRole in the message (BaRS sends both, the requester naming the Practitioner)
    /// is read through that role, for its occupation and organisation.
    /// </summary>
    private static ReferrerDetails? Referrer(ResourceReference? reference, Func<ResourceReference?, Resource?> resolve, string sourceRole, IReadOnlyList<Resource> resources) => resolve(reference) switch
    {
        Practitioner p when resources.OfType<PractitionerRole>().FirstOrDefault(r => ReferenceEquals(ResolveWithin(r, r.Practitioner, resolve), p)) is { } role => FromRole(role, resolve),
        Practitioner p => new ReferrerDetails(NameOf(p.Name.FirstOrDefault()), sourceRole, null, EmailOf(p.Telecom)),
        PractitionerRole r => FromRole(r, resolve),
        Organization o => new ReferrerDetails(o.Name, sourceRole, o.Name, EmailOf(o.Telecom)),
        null when reference?.Display is { Length: > 0 } display => new ReferrerDetails(display.Trim(), "professional", null, null),
        null when reference?.Identifier is { Value.Length: > 0 } id => new ReferrerDetails($"{IdentifierName(id.System)} {id.Value}", "professional", null, null),
        _ => null,
    };

    private static ReferrerDetails FromRole(PractitionerRole role, Func<ResourceReference?, Resource?> resolve)
    {
        var practitioner = ResolveWithin(role, role.Practitioner, resolve) as Practitioner;
        var organisation = ResolveWithin(role, role.Organization, resolve) as Organization;
        var name = NameOf(practitioner?.Name.FirstOrDefault()) ?? role.Practitioner?.Display ?? organisation?.Name ?? role.Organization?.Display;
        return new ReferrerDetails(name, RoleOf(role), organisation?.Name ?? role.Organization?.Display,
            EmailOf(role.Telecom) ?? EmailOf(practitioner?.Telecom ?? []));
    }

    /// <summary>A reference inside a resource: to its own contained resources, else as the message resolves it.</summary>
    private static Resource? ResolveWithin(DomainResource container, ResourceReference? reference, Func<ResourceReference?, Resource?> resolve) =>
        ResolveContained(container, reference) ?? resolve(reference);

    public const string OdsSystem = "https://fhir.nhs.uk/Id/ods-organization-code";

    /// <summary>
    /// The person's GP practice (ODS code): <c>Patient.generalPractitioner</c> (an Organization in the message, or a reference
    /// with its ODS identifier); else, for a referral from a GP (role "gp"), the requester's organisation's ODS code.
    /// </summary>
    public static string? GpPracticeOf(FhirReferralMessage message, Patient? patient, string? referrerRole)
    {
        ArgumentNullException.ThrowIfNull(message);
        var named = (patient?.GeneralPractitioner ?? []).Select(r => OdsOf(message.Resolve(r)) ?? OdsOf(r)).FirstOrDefault(code => !string.IsNullOrWhiteSpace(code));
        if (named is not null || referrerRole != "gp")
        {
            return Ods(named);
        }

        var requester = message.Request.Requester;
        var resolved = message.Resolve(requester);
        var organisation = resolved is PractitionerRole role ? ResolveWithin(role, role.Organization, message.Resolve) : resolved;
        return Ods(OdsOf(organisation) ?? OdsOf(requester));
    }

    /// <summary>The ODS code of an Organization (null for anything else).</summary>
    private static string? OdsOf(Resource? organisation) =>
        (organisation as Organization)?.Identifier.FirstOrDefault(i => i.System == OdsSystem && !string.IsNullOrWhiteSpace(i.Value))?.Value;

    /// <summary>The ODS code a reference carries as its own identifier.</summary>
    private static string? OdsOf(ResourceReference? reference) =>
        reference?.Identifier?.System == OdsSystem ? reference.Identifier.Value : null;

    /// <summary>An ODS code as the directory of organisations writes it: letters and digits, upper case, at most 16.</summary>
    private static string? Ods(string? code) =>
        code?.Trim().ToUpperInvariant() is { Length: > 0 and <= 16 } ods && ods.All(char.IsAsciiLetterOrDigit) ? ods : null;

    public const string SourceOfServiceRequestExtension = "https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-SourceOfServiceRequest";

    /// <summary>
    /// The referrer's role where the requester is a Practitioner or Organization (no role of its own): from UK Core's
    /// SourceOfServiceRequest extension (SNOMED 108161000000109 "Referred by general practitioner" is "gp"; another its text);
    /// without it "gp", as GP practices are the senders of most clinical referrals to social prescribing.
    /// </summary>
    private static string SourceRole(ServiceRequest request) =>
        request.GetExtension(SourceOfServiceRequestExtension)?.Value is CodeableConcept source
            ? source.Coding.Any(c => c.Code == "108161000000109") ? "gp"
            : (source.Coding.Select(c => c.Display).FirstOrDefault(d => !string.IsNullOrWhiteSpace(d)) ?? source.Text) is { Length: > 0 } said
                ? Truncate(WithoutSemanticTag(said).ToLowerInvariant())
                : "gp"
            : "gp";

    private static string Truncate(string role) => role.Length > 100 ? role[..100] : role;

    private static string IdentifierName(string? system) => system switch
    {
        "https://fhir.nhs.uk/Id/sds-role-profile-id" => "SDS role profile",
        OdsSystem => "ODS",
        "https://fhir.hl7.org.uk/Id/gmc-number" => "GMC",
        "https://fhir.hl7.org.uk/Id/nmc-number" => "NMC",
        "https://fhir.hl7.org.uk/Id/hcpc-number" => "HCPC",
        _ => "Identifier",
    };

    /// <summary>The role as the sender coded it (a SNOMED occupation's display, e.g. "pharmacist"); "professional" when it did not.</summary>
    private static string RoleOf(PractitionerRole role) =>
        role.Code.SelectMany(c => c.Coding).Select(c => c.Display).Concat(role.Code.Select(c => c.Text))
            .FirstOrDefault(d => !string.IsNullOrWhiteSpace(d)) switch
        {
            null => "professional",
            { } d => Truncate(WithoutSemanticTag(d).ToLowerInvariant()),
        };

    /// <summary>A SNOMED CT fully specified name without its semantic tag: "Optometrist (occupation)" is "Optometrist".</summary>
    private static string WithoutSemanticTag(string display)
    {
        var trimmed = display.Trim();
        var open = trimmed.LastIndexOf(" (", StringComparison.Ordinal);
        return open > 0 && trimmed.EndsWith(')') ? trimmed[..open] : trimmed;
    }

    private static string? NameOf(HumanName? name) =>
        name is null ? null : string.Join(' ', name.Prefix.Concat(name.Given).Append(name.Family).Where(p => !string.IsNullOrWhiteSpace(p)));

    private static string? EmailOf(IEnumerable<ContactPoint> telecom) =>
        telecom.FirstOrDefault(t => t.System == ContactPoint.ContactPointSystem.Email)?.Value;
}
