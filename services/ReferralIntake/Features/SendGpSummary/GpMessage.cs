using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using SocialPrescribing.ReferralIntake.Features.FhirReferrals;
using SocialPrescribing.ReferralIntake.Model;

namespace SocialPrescribing.ReferralIntake.Features.SendGpSummary;

/// <summary>
/// The FHIR message a GP system is sent: a MessageHeader (to the practice, by its ODS code), the person as a Patient —
/// keyed by their NHS number where known, with their name, date of birth and postcode for the practice to match — and the
/// summary's resources, each now about that Patient. Its id is the case's (one summary a case), so a resend is recognisably
/// the same message.
/// </summary>
public static class GpMessage
{
    public const string EventSystem = "https://socialprescribing.dev/fhir/CodeSystem/message-event";

    private static readonly FhirJsonDeserializer Deserializer = new();

    public static string Build(Guid caseId, string summary, Referral person, string practice, Uri endpoint, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(person);
        var collection = Deserializer.Deserialize<Bundle>(summary);
        var patient = new Patient
        {
            Id = Guid.NewGuid().ToString(),
            Name = [new HumanName { Use = HumanName.NameUse.Official, Family = person.FamilyName, Given = [person.GivenName] }],
            BirthDate = person.DateOfBirth.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            Address = [new Address { PostalCode = person.Postcode }],
        };
        if (person.NhsNumber is not null)
        {
            patient.Identifier.Add(new Identifier(FhirReferralMapping.NhsNumberSystem, person.NhsNumber));
        }

        var subject = new ResourceReference($"urn:uuid:{patient.Id}");
        foreach (var resource in collection.Entry.Select(e => e.Resource))
        {
            switch (resource)
            {
                case Procedure procedure: procedure.Subject = subject; break;
                case Observation observation: observation.Subject = subject; break;
                case ServiceRequest request: request.Subject = subject; break;
            }
        }

        var header = new MessageHeader
        {
            Id = Guid.NewGuid().ToString(),
            Event = new Coding(EventSystem, "gp-summary", "Social prescribing summary for the GP record"),
            Source = new MessageHeader.MessageSourceComponent { Name = "Social prescribing", Endpoint = "https://socialprescribing.dev/fhir" },
            Destination =
            [
                new MessageHeader.MessageDestinationComponent
                {
                    Endpoint = endpoint.ToString(),
                    Receiver = new ResourceReference { Identifier = new Identifier(FhirReferralMapping.OdsSystem, practice) },
                },
            ],
            Focus = [.. collection.Entry.Select(e => new ResourceReference(e.FullUrl))],
        };
        var message = new Bundle
        {
            Id = caseId.ToString(),
            Identifier = collection.Identifier,
            Type = Bundle.BundleType.Message,
            Timestamp = now,
        };
        message.Entry.Add(new Bundle.EntryComponent { FullUrl = $"urn:uuid:{header.Id}", Resource = header });
        message.Entry.Add(new Bundle.EntryComponent { FullUrl = $"urn:uuid:{patient.Id}", Resource = patient });
        message.Entry.AddRange(collection.Entry);
        return message.ToJson();
    }
}
