using SocialPrescribing.Privacy;

namespace SocialPrescribing.ReferralIntake.Model;


public sealed record ValidPerson(
    [property: Identifying] string GivenName,
    [property: Identifying] string FamilyName,
    [property: Identifying] DateOnly DateOfBirth,
    [property: Identifying] string Postcode,
    [property: Identifying] string? Phone,
    [property: Identifying] string? Email,
    [property: Identifying] string? NhsNumber,
    string? PreferredContact);

public sealed record ValidReferrer([property: Identifying] string Name, string Role, string? Organisation, [property: Identifying] string? Email);

public sealed record ValidReferral(
    string Channel,
    ValidPerson Person,
    IReadOnlyList<string> Needs,
    [property: FreeText] string? Reason,
    string ShareWithGp,
    bool HarmToSelf,
    bool HarmToOthers,
    bool InCrisis,
    ValidReferrer? Referrer)
{
    /// <summary>A clinical referrer asked for an urgent response (FHIR priority urgent, asap or stat).</summary>
    public bool UrgentByReferrer { get; init; }

    /// <summary>A directory service the person chose ("refer myself to this service"): their link worker checks in about it.</summary>
    public Guid? ServiceId { get; init; }

    /// <summary>The language the person would like us to use: <c>en</c> or <c>cy</c> (calls, letters, messages).</summary>
    public string Language { get; init; } = ReferralRules.English;

    /// <summary>An identifier the sending system gave the referral (FHIR <c>system|value</c>), to cancel it later.</summary>
    public string? ExternalId { get; init; }

    /// <summary>The FHIR message it came in (Bundle or MessageHeader identity, <c>system|value</c>): the same message sent again is recognised.</summary>
    public string? MessageId { get; init; }

    /// <summary>The person's GP practice (ODS code), where a FHIR sender named it: the GP summary goes to its system.</summary>
    public string? GpPractice { get; init; }

    /// <summary>What a FHIR sender said about the referral (when written, priority, coded reasons), kept as sent.</summary>
    public SenderDetails? Sender { get; init; }

    /// <summary>A safeguarding concern the call handler raised while taking the referral: it goes to Case Management with it.</summary>
    public SocialPrescribing.Contracts.IntakeConcern? Concern { get; init; }

    public bool Urgent => HarmToSelf || HarmToOthers || InCrisis || UrgentByReferrer;
}
