using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using SocialPrescribing.Authentication;
using SocialPrescribing.Contracts;
using SocialPrescribing.ReferralIntake.Features.SubmitReferral;
using SocialPrescribing.ReferralIntake.Model;
using SocialPrescribing.Validation;
using SocialPrescribing.WebUI;

namespace SocialPrescribing.ReferralIntake.Pages;

/// <summary>
/// Phone intake for call handlers: the referral questions worded to be read aloud, the caller's
/// details read back and confirmed before sending, the mode (phone) recorded on the referral; and a
/// safeguarding concern, when the call raises one, sent with the referral to the safeguarding lead.
/// </summary>
[Authorize]
public sealed class IntakeModel(SubmitReferralHandler submitter, TimeProvider time) : ReferralFormModel(submitter, time)
{
    public override FormVoice Voice => FormVoice.CallHandler;

    protected override string Channel => ReferralChannel.Phone;

    protected override string ConfirmationPage => "/IntakeConfirmation";

    [BindProperty] public bool CallerConfirmed { get; set; }

    /// <summary>"yes" when the call handler raises a safeguarding concern with the referral; then the fields below.</summary>
    [BindProperty] public string? RaiseConcern { get; set; }

    [BindProperty] public string? ConcernSubject { get; set; }

    [BindProperty] public string? ConcernCategory { get; set; }

    [BindProperty] public string? ConcernDescription { get; set; }

    [BindProperty] public string? ConcernPersonAware { get; set; }

    [BindProperty] public string? ConcernConsent { get; set; }

    [BindProperty] public string? ConcernDanger { get; set; }

    /// <summary>The concern's questions as both forms ask them (the shared partial), with this form's mistakes.</summary>
    public ConcernFieldsView ConcernFields => new(ConcernSubject, ConcernCategory, ConcernDescription, ConcernPersonAware, ConcernConsent, ConcernDanger,
        new Dictionary<string, string?>
        {
            ["subject"] = ErrorFor("concern.subject"),
            ["category"] = ErrorFor("concern.category"),
            ["description"] = ErrorFor("concern.description"),
            ["aware"] = ErrorFor("concern.personAware"),
            ["consent"] = ErrorFor("concern.consent"),
            ["danger"] = ErrorFor("concern.immediateDanger"),
        }.Where(e => e.Value is not null).ToDictionary(e => e.Key, e => e.Value!),
        "the caller", "What the caller said");

    /// <summary>Someone is in immediate danger: the page says call 999 now, whatever else it says.</summary>
    public bool ConcernInDanger => RaiseConcern == "yes" && ConcernDanger == "yes";

    /// <summary>Only call handlers take phone referrals.</summary>
    public override bool MayUseForm => User.IsInRole(SuiteRoles.CallHandler);

    protected override void ValidateForm(ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (RaiseConcern is not (null or "yes" or "no"))
        {
            errors.Add("concern.raise", "Say whether you are raising a safeguarding concern.");
        }

        if (RaiseConcern == "yes")
        {
            foreach (var (field, message) in SafeguardingCategories.Check(ConcernSubject, ConcernCategory, ConcernDescription))
            {
                errors.Add($"concern.{field}", message);
            }

            Answered(errors, ConcernPersonAware, "concern.personAware", "Say whether the caller knows you are raising the concern.");
            Answered(errors, ConcernConsent, "concern.consent", "Say whether the caller consents to it being shared.");
            Answered(errors, ConcernDanger, "concern.immediateDanger", "Say whether anyone is in immediate danger. If they are, call 999 now.");
        }

        if (!CallerConfirmed)
        {
            errors.Add("callerConfirmed", "Read the details back to the caller and tick to confirm they are right.");
        }
    }

    /// <summary>The concern, checked in <see cref="ValidateForm"/>, goes with the referral to Case Management.</summary>
    protected override ValidReferral Complete(ValidReferral valid) =>
        RaiseConcern != "yes" ? valid : valid with
        {
            Concern = new IntakeConcern(ConcernSubject!, ConcernCategory!, ConcernDescription!.Trim(), ConcernPersonAware == "yes", ConcernConsent == "yes",
                ConcernDanger == "yes", HttpContext.Actor()),
        };

    private static void Answered(ValidationErrors errors, string? answer, string field, string message)
    {
        if (answer is not ("yes" or "no"))
        {
            errors.Add(field, message);
        }
    }
}
