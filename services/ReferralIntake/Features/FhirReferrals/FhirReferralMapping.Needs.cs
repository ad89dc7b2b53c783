using Hl7.Fhir.Model;

namespace SocialPrescribing.ReferralIntake.Features.FhirReferrals;

/// <summary>What the person needs, from what the sender coded.</summary>
public static partial class FhirReferralMapping
{
    /// <summary>
    /// SNOMED CT concepts whose meaning is one of the directory's needs without doubt (docs/api.md lists them with their
    /// sources). Anything else is kept as the sender's reason and shown, and the need is "other" for the link worker to set.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> SnomedNeeds = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["422650009"] = "loneliness",          // Social isolation (finding)
        ["423315002"] = "loneliness",          // Limited social contact (finding)
        ["73595000"] = "mental-wellbeing",     // Stress (finding)
        ["390893007"] = "physical-activity",   // Referral to physical activity programme (procedure)
        ["423656007"] = "money",               // Income insufficient to meet financial needs (finding)
        ["32911000"] = "housing",              // Homeless (finding)
        ["1156191002"] = "housing",            // Housing instability (finding)
        ["73438004"] = "employment",           // Unemployed (finding)
        ["733423003"] = "food",                // Food insecurity (finding)
    };

    /// <summary>
    /// The needs: the suite's own need codes where the sender used them; else every need a SNOMED CT reason maps to
    /// (<see cref="SnomedNeeds"/>) — from <c>reasonCode</c>, a <c>reasonReference</c>'s Condition, or the CarePlan the
    /// request is based on (its activities' codes and reasons, the Conditions it addresses); else "other".
    /// </summary>
    public static IReadOnlyList<string> NeedsOf(ServiceRequest request, Func<ResourceReference?, Resource?> resolve)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(resolve);
        var own = request.ReasonCode.SelectMany(c => c.Coding).Where(c => c.System == NeedSystem).Select(c => c.Code ?? "").ToList();
        if (own.Count > 0)
        {
            return own;
        }

        var mapped = CodedReasons(request, resolve)
            .SelectMany(c => c.Coding)
            .Where(c => c.System == SnomedSystem && c.Code is not null)
            .Select(c => SnomedNeeds.GetValueOrDefault(c.Code!))
            .OfType<string>()
            .Distinct()
            .ToList();
        return mapped.Count > 0 ? mapped : ["other"];
    }

    /// <summary>Every coded reason the sender gave: reasonCode, reasonReference Conditions, and the based-on CarePlans' reasons.</summary>
    private static IEnumerable<CodeableConcept> CodedReasons(ServiceRequest request, Func<ResourceReference?, Resource?> resolve) =>
        request.ReasonCode
            .Concat(request.ReasonReference.Select(resolve).OfType<Condition>().Select(c => c.Code).OfType<CodeableConcept>())
            .Concat(CarePlansOf(request, resolve).SelectMany(plan => CarePlanReasons(plan, resolve)));

    private static IEnumerable<CarePlan> CarePlansOf(ServiceRequest request, Func<ResourceReference?, Resource?> resolve) =>
        request.BasedOn.Select(resolve).OfType<CarePlan>();

    /// <summary>
    /// What a CarePlan says the referral is for (BaRS puts it there): each activity's code, reasons and outcome, the Conditions
    /// it addresses.
    /// </summary>
    private static IEnumerable<CodeableConcept> CarePlanReasons(CarePlan plan, Func<ResourceReference?, Resource?> resolve) =>
        plan.Activity.SelectMany(a => a.OutcomeCodeableConcept
                .Concat(a.Detail?.ReasonCode ?? [])
                .Concat(a.Detail?.Code is { } code ? [code] : [])
                .Concat(a.Detail?.Description is { Length: > 0 } description ? [new CodeableConcept { Text = description }] : []))
            .Concat(plan.Addresses.Select(r => resolve(r) is Condition { Code: { } code } ? code : r.Display is { Length: > 0 } d ? new CodeableConcept { Text = d } : null)
                .OfType<CodeableConcept>());
}
