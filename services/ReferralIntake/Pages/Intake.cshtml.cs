using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using SocialPrescribing.Authentication;
using SocialPrescribing.ReferralIntake.Features.SubmitReferral;
using SocialPrescribing.ReferralIntake.Model;
using SocialPrescribing.Validation;

namespace SocialPrescribing.ReferralIntake.Pages;

/// <summary>
/// Phone intake for call handlers: the referral questions worded to be read aloud, the caller's
/// details read back and confirmed before sending, the mode (phone) recorded on the referral.
/// </summary>
[Authorize]
public sealed class IntakeModel(SubmitReferralHandler submitter, TimeProvider time) : ReferralFormModel(submitter, time)
{
    public override FormVoice Voice => FormVoice.CallHandler;

    protected override string Channel => ReferralChannel.Phone;

    protected override string ConfirmationPage => "/IntakeConfirmation";

    [BindProperty] public bool CallerConfirmed { get; set; }

    /// <summary>Only call handlers take phone referrals.</summary>
    public override bool MayUseForm => User.IsInRole(SuiteRoles.CallHandler);

    protected override void ValidateForm(ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (!CallerConfirmed)
        {
            errors.Add("callerConfirmed", "Read the details back to the caller and tick to confirm they are right.");
        }
    }
}
