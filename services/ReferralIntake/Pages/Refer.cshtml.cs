using SocialPrescribing.ReferralIntake.Features.SubmitReferral;
using SocialPrescribing.ReferralIntake.Model;

namespace SocialPrescribing.ReferralIntake.Pages;

/// <summary>The public self-referral form.</summary>
public sealed class ReferModel(SubmitReferralHandler submitter, TimeProvider time) : ReferralFormModel(submitter, time)
{
    public override FormVoice Voice => FormVoice.Person;

    protected override string Channel => ReferralChannel.Self;

    protected override string ConfirmationPage => "/ReferConfirmation";
}
