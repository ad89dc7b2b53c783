using Hl7.Fhir.Model;
using SocialPrescribing.Contracts;

namespace SocialPrescribing.CaseManagement.Model;

/// <summary>
/// The GP summary as a FHIR R4 collection Bundle: the SNOMED CT codes as a Procedure / Observation, and for a full summary
/// the services as ServiceRequests and the wellbeing scores as Observations — coded with SNOMED CT where a UK concept for
/// the instrument's score exists (<see cref="ScoreConcepts"/>), else by their text only.
/// </summary>
public static class GpSummaryFhir
{
    /// <summary>How the person is identified in the summary: their person reference, which Referral Intake resolves to their NHS number.</summary>
    public const string PersonSystem = "https://socialprescribing.example.org/id/person-reference";

    /// <summary>
    /// SNOMED CT observable entities for an instrument's total score (docs/api.md cites them): WEMWBS and SWEMWBS, as NHS
    /// England's Mental Health Services Data Set lists them among its coded scored assessments. ONS4 and the UCLA loneliness
    /// scale have no concept we could confirm: their scores go as text.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, (string Code, string Display)> ScoreConcepts = new Dictionary<string, (string, string)>(StringComparer.OrdinalIgnoreCase)
    {
        ["WEMWBS"] = ("718426000", "Warwick-Edinburgh Mental Well-being Scale score"),
        ["SWEMWBS"] = ("718466001", "Short Warwick-Edinburgh Mental Well-being Scale score"),
    };

    /// <summary>The summary as a FHIR R4 collection Bundle.</summary>
    public static Bundle ToBundle(GpSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var subject = new ResourceReference { Identifier = new Identifier(PersonSystem, summary.PersonReference.ToString()) };
        var bundle = new Bundle
        {
            Id = summary.CaseId.ToString(),
            Type = Bundle.BundleType.Collection,
            Timestamp = summary.ClosedAt,
            Identifier = new Identifier("https://socialprescribing.example.org/id/case-reference", summary.Reference),
        };
        foreach (var code in summary.Codes)
        {
            var concept = new CodeableConcept(GpSummary.SnomedSystem, code.Code, code.Display);
            Resource resource = code.Code == GpSummary.Referred.Code
                ? new Procedure
                {
                    Status = EventStatus.Completed,
                    Code = concept,
                    Subject = subject,
                    Performed = new FhirDateTime(code.At!.Value),
                    Outcome = summary.Detail is { } detail ? new CodeableConcept { Text = OutcomeText(summary.Outcome, detail.OutcomeReason) } : null,
                }
                : new Observation { Status = ObservationStatus.Final, Code = concept, Subject = subject, Effective = new FhirDateTime(code.At!.Value) };
            bundle.Entry.Add(new Bundle.EntryComponent { FullUrl = $"urn:uuid:{Guid.NewGuid()}", Resource = resource });
        }

        if (summary.Detail is { } full)
        {
            foreach (var service in full.Services)
            {
                bundle.Entry.Add(new Bundle.EntryComponent
                {
                    FullUrl = $"urn:uuid:{Guid.NewGuid()}",
                    Resource = new ServiceRequest
                    {
                        Status = service.Status switch
                        {
                            ProviderReferralStatus.Completed => RequestStatus.Completed,
                            ProviderReferralStatus.Declined or ProviderReferralStatus.Expired => RequestStatus.Revoked,
                            _ => RequestStatus.Active,
                        },
                        Intent = RequestIntent.Order,
                        Code = new CodeableConcept { Text = service.Name },
                        Subject = subject,
                        AuthoredOn = service.RequestedAt.ToString("o"),
                        Note = [new Annotation { Text = $"Provider's answer: {service.Status}" }],
                    },
                });
            }

            foreach (var score in full.Scores.Where(s => s.Score is not null))
            {
                bundle.Entry.Add(new Bundle.EntryComponent
                {
                    FullUrl = $"urn:uuid:{Guid.NewGuid()}",
                    Resource = new Observation
                    {
                        Status = ObservationStatus.Final,
                        Category = [new CodeableConcept("http://terminology.hl7.org/CodeSystem/observation-category", "survey", "Survey")],
                        Code = ScoreCode(score),
                        Subject = subject,
                        Effective = new FhirDateTime(score.CompletedOn.ToString("yyyy-MM-dd")),
                        Value = new Quantity { Value = score.Score },
                    },
                });
            }
        }

        return bundle;
    }

    private static string OutcomeText(string outcome, string? reason) => reason is null ? outcome : $"{outcome}: {reason}";

    private static CodeableConcept ScoreCode(ScoreTaken score)
    {
        var text = $"{score.Instrument} wellbeing score ({score.Timepoint})";
        return ScoreConcepts.TryGetValue(score.Instrument, out var concept)
            ? new CodeableConcept(GpSummary.SnomedSystem, concept.Code, concept.Display, text)
            : new CodeableConcept { Text = text };
    }

}
