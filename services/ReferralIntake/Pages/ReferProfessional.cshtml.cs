using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using SocialPrescribing.Authentication;
using SocialPrescribing.ReferralIntake.Features.SubmitReferral;
using SocialPrescribing.ReferralIntake.Model;

namespace SocialPrescribing.ReferralIntake.Pages;

/// <summary>
/// The professional's form: a GP, nurse, housing officer or teacher, signed in, refers someone they
/// work with (channel professional), saying who they are so the link worker can reply.
/// </summary>
[Authorize]
public sealed class ReferProfessionalModel(SubmitReferralHandler submitter, TimeProvider time) : ReferralFormModel(submitter, time)
{
    public override FormVoice Voice => FormVoice.Professional;

    protected override string Channel => ReferralChannel.Professional;

    protected override string ConfirmationPage => "/ReferProfessionalConfirmation";

    [BindProperty] public string? ReferrerName { get; set; }
    [BindProperty] public string? ReferrerRole { get; set; }
    [BindProperty] public string? ReferrerOrganisation { get; set; }
    [BindProperty] public string? ReferrerEmail { get; set; }

    protected override ReferrerDetails Referrer => new(ReferrerName, ReferrerRole, ReferrerOrganisation, ReferrerEmail);

    /// <summary>Only professionals use this form.</summary>
    public override bool MayUseForm => User.IsInRole(SuiteRoles.Professional);

    public override void OnGet()
    {
        base.OnGet();
        // The person's full name where the sign-in provides it (preferred_username), else their user name.
        ReferrerName = User.FindFirst("preferred_username")?.Value ?? User.FindFirst(SuiteAuthentication.NameClaim)?.Value;
    }
}
