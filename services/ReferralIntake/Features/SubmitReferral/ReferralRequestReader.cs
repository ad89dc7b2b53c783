using System.Text.Json;
using SocialPrescribing.ReferralIntake.Model;
using SocialPrescribing.Validation;

namespace SocialPrescribing.ReferralIntake.Features.SubmitReferral;

/// <summary>Reads the POST /api/referrals body (shape in API.md), recording every mistyped or unknown field.</summary>
internal static class ReferralRequestReader
{
    public static ReferralSubmission? Read(JsonElement root, ValidationErrors errors)
    {
        var body = JsonObjectReader.ForRoot(root, errors);
        if (body is null)
        {
            return null;
        }

        var submission = new ReferralSubmission(
            body.String("channel"),
            ReadPerson(body.Object("person")),
            body.StringArray("needs"),
            body.String("reason"),
            ReadConsent(body.Object("consent")),
            ReadRisk(body.Object("risk")),
            ReadReferrer(body.Object("referrer")),
            body.String("serviceId"),
            body.String("language"));
        body.RejectUnknownFields();
        return submission;
    }

    private static PersonDetails? ReadPerson(JsonObjectReader? person)
    {
        if (person is null)
        {
            return null;
        }

        var details = new PersonDetails(
            person.String("givenName"),
            person.String("familyName"),
            person.Date("dateOfBirth"),
            person.String("postcode"),
            person.String("phone"),
            person.String("email"),
            person.String("nhsNumber"),
            person.String("preferredContact"));
        person.RejectUnknownFields();
        return details;
    }

    private static ConsentAnswers? ReadConsent(JsonObjectReader? consent)
    {
        if (consent is null)
        {
            return null;
        }

        var answers = new ConsentAnswers(consent.Boolean("shareWithLinkWorker"), consent.String("shareWithGp"));
        consent.RejectUnknownFields();
        return answers;
    }

    private static RiskAnswers? ReadRisk(JsonObjectReader? risk)
    {
        if (risk is null)
        {
            return null;
        }

        var answers = new RiskAnswers(risk.Boolean("harmToSelf"), risk.Boolean("harmToOthers"), risk.Boolean("inCrisis"));
        risk.RejectUnknownFields();
        return answers;
    }

    private static ReferrerDetails? ReadReferrer(JsonObjectReader? referrer)
    {
        if (referrer is null)
        {
            return null;
        }

        var details = new ReferrerDetails(
            referrer.String("name"), referrer.String("role"), referrer.String("organisation"), referrer.String("email"));
        referrer.RejectUnknownFields();
        return details;
    }
}
