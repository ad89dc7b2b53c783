using Hl7.Fhir.Model;
using SocialPrescribing.ReferralIntake.Model;
using SocialPrescribing.Validation;

namespace SocialPrescribing.ReferralIntake.Features.FhirReferrals;

/// <summary>
/// FHIR R4 referrals as clinical systems send them (UK Core style): a <c>ServiceRequest</c> whose
/// subject is a contained or bundled <c>Patient</c>, alone or in a message <c>Bundle</c> whose
/// <c>MessageHeader</c> focuses on it. Read into the same <see cref="ReferralSubmission"/> as every
/// other channel, so one set of rules applies; written back as a ServiceRequest.
/// </summary>
public static partial class FhirReferralMapping
{
    public const string NhsNumberSystem = "https://fhir.nhs.uk/Id/nhs-number";
    public const string ReferenceSystem = "https://socialprescribing.dev/fhir/Id/referral-reference";
    public const string NeedSystem = "https://socialprescribing.dev/fhir/CodeSystem/need";
    public const string GpSharingExtension = "https://socialprescribing.dev/fhir/StructureDefinition/gp-sharing";
    public const string SnomedSystem = "http://snomed.info/sct";
    public const string SocialPrescribingReferralCode = "871731000000106";

    /// <summary>Where each rule's field lives in FHIR, for OperationOutcome expressions.</summary>
    public static readonly IReadOnlyDictionary<string, string> FhirPaths = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["person"] = "ServiceRequest.subject",
        ["person.givenName"] = "Patient.name[0].given[0]",
        ["person.familyName"] = "Patient.name[0].family",
        ["person.dateOfBirth"] = "Patient.birthDate",
        ["person.postcode"] = "Patient.address[0].postalCode",
        ["person.phone"] = "Patient.telecom.where(system='phone')",
        ["person.email"] = "Patient.telecom.where(system='email')",
        ["person.nhsNumber"] = "Patient.identifier.where(system='https://fhir.nhs.uk/Id/nhs-number')",
        ["person.preferredContact"] = "Patient.telecom",
        ["needs"] = "ServiceRequest.reasonCode",
        ["reason"] = "ServiceRequest.note",
        ["consent.shareWithGp"] = "ServiceRequest.extension('" + GpSharingExtension + "')",
        ["referrer"] = "ServiceRequest.requester",
        ["referrer.name"] = "ServiceRequest.requester",
        ["referrer.role"] = "ServiceRequest.requester",
        ["referrer.organisation"] = "ServiceRequest.requester",
        ["referrer.email"] = "ServiceRequest.requester",
    };

    /// <summary>
    /// Reads a ServiceRequest (and its Patient and requester) into a professional referral. What cannot be read as FHIR —
    /// a reference that resolves to nothing in the Bundle or the contained resources, a person known only by NHS number —
    /// is added to <paramref name="unreadable"/>, in FHIR's words, with its path; what was set aside for the link worker to
    /// check goes in <paramref name="notes"/>.
    /// </summary>
    public static ReferralSubmission ToSubmission(FhirReferralMessage message, List<(string? Expression, string Message)> unreadable, List<string> notes)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(unreadable);
        ArgumentNullException.ThrowIfNull(notes);
        var (request, resolve) = (message.Request, message.Resolve);
        var subject = resolve(request.Subject);
        if (request.Subject?.Reference is { Length: > 0 } unresolved && subject is null)
        {
            unreadable.Add(("ServiceRequest.subject", $"{unresolved} could not be resolved in the Bundle or among the ServiceRequest's contained resources."));
        }
        else if (subject is null && request.Subject?.Identifier?.System == NhsNumberSystem)
        {
            unreadable.Add(("ServiceRequest.subject", "The person is identified only by NHS number. Send a Patient with their name, date of birth and postcode: "
                                                      + "this service does not look people up in the Personal Demographics Service."));
        }
        else if (subject is not null and not Patient)
        {
            unreadable.Add(("ServiceRequest.subject", $"{request.Subject!.Reference} is a {subject.TypeName}: the subject of a referral must be a Patient."));
        }

        if (request.Requester?.Reference is { Length: > 0 } requester && resolve(request.Requester) is null
            && request.Requester.Identifier is null && string.IsNullOrWhiteSpace(request.Requester.Display))
        {
            unreadable.Add(("ServiceRequest.requester", $"{requester} could not be resolved in the Bundle or among the ServiceRequest's contained resources."));
        }

        var patient = subject as Patient;
        PersonDetails? person = null;
        if (patient is not null)
        {
            var name = patient.Name.FirstOrDefault(n => n.Use is HumanName.NameUse.Official or HumanName.NameUse.Usual) ?? patient.Name.FirstOrDefault();
            var (phone, email) = ContactOf(patient);
            person = new PersonDetails(
                name?.Given.FirstOrDefault(),
                name?.Family,
                DateOnly.TryParseExact(patient.BirthDate ?? "", "yyyy-MM-dd", out var born) ? born : null,
                patient.Address.FirstOrDefault(a => a.Use is Address.AddressUse.Home)?.PostalCode ?? patient.Address.FirstOrDefault()?.PostalCode,
                phone,
                email,
                NhsNumberOf(patient, notes),
                phone is not null ? "phone" : email is not null ? "email" : null);
        }

        var reason = string.Join("\n", request.ReasonCode.Select(c => c.Text).Concat(request.Note.Select(n => n.Text)).Where(t => !string.IsNullOrWhiteSpace(t)));
        var sharing = (request.GetExtension(GpSharingExtension)?.Value as Code)?.Value ?? GpSharing.CodesOnly;
        var referrer = Referrer(message);
        return new ReferralSubmission(
            ReferralChannel.Professional,
            person,
            NeedsOf(request, resolve),
            reason.Length > 0 ? reason : null,
            new ConsentAnswers(true, sharing),
            new RiskAnswers(false, false, false),
            referrer is not null && string.IsNullOrWhiteSpace(referrer.Organisation) && message.SenderOrganisation is { Length: > 0 } sender
                ? referrer with { Organisation = sender.Trim() }
                : referrer);
    }

    /// <summary>
    /// The NHS number, if its check digit holds. One that fails is not kept — it would match the wrong person — but the
    /// referral is: the person still needs help, and <paramref name="notes"/> asks the link worker to confirm the number.
    /// </summary>
    private static string? NhsNumberOf(Patient patient, List<string> notes)
    {
        var sent = patient.Identifier.FirstOrDefault(i => i.System == NhsNumberSystem)?.Value;
        if (string.IsNullOrWhiteSpace(sent) || ReferralRules.NormaliseNhsNumber(sent) is not null)
        {
            return sent;
        }

        notes.Add("The NHS number the referrer's system sent is not a valid NHS number (its check digit is wrong), so it was not kept: confirm it with the person or their GP.");
        return null;
    }

    public static bool IsUrgent(ServiceRequest request) =>
        request.Priority is RequestPriority.Urgent or RequestPriority.Asap or RequestPriority.Stat;

    /// <summary>The sending system's own identifier, <c>system|value</c>, to recognise a resend or a cancellation.</summary>
    public static string? ExternalId(ServiceRequest request) =>
        request.Identifier.FirstOrDefault(i => !string.IsNullOrEmpty(i.Value) && i.System != ReferenceSystem) is { } id
            ? $"{id.System}|{id.Value}"
            : null;

    /// <summary>A received referral as a ServiceRequest with its Patient contained.</summary>
    public static ServiceRequest ToServiceRequest(Referral referral)
    {
        ArgumentNullException.ThrowIfNull(referral);
        var patient = new Patient
        {
            Id = "patient",
            Name = [new HumanName { Family = referral.FamilyName, Given = [referral.GivenName] }],
            BirthDate = referral.DateOfBirth.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            Address = [new Address { PostalCode = referral.Postcode, Country = "GB" }],
        };
        if (referral.NhsNumber is not null)
        {
            patient.Identifier.Add(new Identifier(NhsNumberSystem, referral.NhsNumber));
        }

        if (referral.Phone is not null)
        {
            patient.Telecom.Add(new ContactPoint(ContactPoint.ContactPointSystem.Phone, null, referral.Phone));
        }

        if (referral.Email is not null)
        {
            patient.Telecom.Add(new ContactPoint(ContactPoint.ContactPointSystem.Email, null, referral.Email));
        }

        var request = new ServiceRequest
        {
            Id = referral.Id.ToString(),
            Status = referral.Status == ReferralStatus.Withdrawn ? RequestStatus.Revoked : RequestStatus.Active,
            Intent = RequestIntent.Order,
            Priority = referral.Urgent ? RequestPriority.Urgent : RequestPriority.Routine,
            Code = new CodeableConcept(SnomedSystem, SocialPrescribingReferralCode, "Referral to social prescribing service"),
            Subject = new ResourceReference("#patient"),
            AuthoredOn = referral.SubmittedAt.ToString("o", System.Globalization.CultureInfo.InvariantCulture),
            Contained = [patient],
            ReasonCode = [.. referral.Needs.Select(n => new CodeableConcept(NeedSystem, n))],
        };
        request.Identifier.Add(new Identifier(ReferenceSystem, referral.Reference));
        if (referral.ExternalId?.Split('|', 2) is [var system, var value])
        {
            request.Identifier.Add(new Identifier(system, value));
        }

        if (referral.Reason is not null)
        {
            request.Note.Add(new Annotation { Text = referral.Reason });
        }

        request.SetExtension(GpSharingExtension, new Code(referral.ShareWithGp));
        return request;
    }

    public static OperationOutcome Outcome(OperationOutcome.IssueType type, IEnumerable<(string? Expression, string Message)> issues)
    {
        var outcome = new OperationOutcome();
        foreach (var (expression, message) in issues)
        {
            outcome.Issue.Add(new OperationOutcome.IssueComponent
            {
                Severity = type == OperationOutcome.IssueType.Informational ? OperationOutcome.IssueSeverity.Information : OperationOutcome.IssueSeverity.Error,
                Code = type,
                Diagnostics = message,
                Expression = expression is null ? [] : [expression],
            });
        }

        return outcome;
    }

    public static OperationOutcome Outcome(ValidationErrors errors) => Outcome([], errors);

    /// <summary>
    /// One OperationOutcome with every problem: what could not be read, then each broken rule at its FHIR path (a person
    /// that could not be read is not also reported missing).
    /// </summary>
    public static OperationOutcome Outcome(IReadOnlyList<(string? Expression, string Message)> unreadable, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(unreadable);
        ArgumentNullException.ThrowIfNull(errors);
        var subjectUnreadable = unreadable.Any(u => u.Expression == "ServiceRequest.subject");
        var broken = errors.ToDictionary()
            .Where(e => !(subjectUnreadable && e.Key == "person"))
            .SelectMany(e => e.Value.Select(m => ((string?)FhirPaths.GetValueOrDefault(e.Key, e.Key), m)));
        return Outcome(OperationOutcome.IssueType.Invalid, [.. unreadable, .. broken]);
    }

    private static Resource? ResolveContained(DomainResource container, ResourceReference? reference) =>
        reference?.Reference is { Length: > 1 } r && r[0] == '#' ? container.Contained.FirstOrDefault(c => c.Id == r[1..]) : null;

    private static Resource? ResolveInBundle(Bundle bundle, ResourceReference? reference)
    {
        if (reference?.Reference is not { Length: > 0 } r)
        {
            return null;
        }

        // As senders write them: the entry's fullUrl, its relative Type/id (or an absolute URL ending so), or a bare uuid
        // without its urn:uuid: prefix.
        return bundle.Entry.FirstOrDefault(e => e.FullUrl == r || e.FullUrl == "urn:uuid:" + r)?.Resource
               ?? bundle.Entry.Select(e => e.Resource).FirstOrDefault(x => x is not null && (r == $"{x.TypeName}/{x.Id}" || r.EndsWith($"/{x.TypeName}/{x.Id}", StringComparison.Ordinal)));
    }
}
