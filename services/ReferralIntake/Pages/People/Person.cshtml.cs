using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SocialPrescribing.Authentication;
using SocialPrescribing.ReferralIntake.Features.MergePeople;
using SocialPrescribing.ReferralIntake.Features.ReadPerson;

namespace SocialPrescribing.ReferralIntake.Pages.People;

/// <summary>
/// A person's record: their details and consent now, their referrals, and the history of changes.
/// Managers see other records that may be the same person, merge one in, and undo a merge.
/// </summary>
[Authorize]
public sealed class PersonModel(
    ReadPersonHandler reader, MergePeopleHandler merger, Features.SubjectAccess.SubjectAccessHandler exports, Features.RestrictPerson.RestrictPersonHandler restrictions)
    : PageModel
{
    public PersonView? Person { get; private set; }

    public IReadOnlyList<LikelyDuplicate> LikelyDuplicates { get; private set; } = [];

    public bool IsManager => User.IsInRole(SuiteRoles.Manager);

    /// <summary>Managers: the person's subject access exports, newest first.</summary>
    public IReadOnlyList<Features.SubjectAccess.AccessRequestView> Exports { get; private set; } = [];

    /// <summary>The signed-in user's id: only the manager who asked for an export may download it.</summary>
    public string Me => HttpContext.Actor();

    /// <summary>What the last action did, or why it could not ("merged", or a problem's words).</summary>
    [TempData] public string? Outcome { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!User.IsInRole(SuiteRoles.LinkWorker) && !IsManager)
        {
            return NotFound();
        }

        Person = await reader.ReadAsync(id, HttpContext, cancellationToken);
        if (Person is null)
        {
            return NotFound();
        }

        if (IsManager && Person.MergedIntoId is null)
        {
            LikelyDuplicates = await merger.LikelyDuplicatesAsync(id, cancellationToken);
            Exports = await exports.ListAsync(id, cancellationToken);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostMergeAsync(Guid id, Guid other, CancellationToken cancellationToken)
    {
        if (!IsManager)
        {
            return Forbid();
        }

        var result = await merger.MergeAsync(id, other, HttpContext, cancellationToken);
        Outcome = result.Outcome == MergeOutcome.Done ? "The other record was merged into this one." : result.Problem ?? "That record was not found.";
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostExportAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!IsManager)
        {
            return Forbid();
        }

        Outcome = await exports.StartAsync(id, HttpContext, cancellationToken) is null
            ? "That person was not found."
            : "The export has started. Every service is sending its part; it is usually ready within a minute.";
        return RedirectToPage(null, null, new { id }, "exports");
    }

    public async Task<IActionResult> OnPostRestrictAsync(Guid id, string? reason, CancellationToken cancellationToken)
    {
        if (!IsManager)
        {
            return Forbid();
        }

        if (string.IsNullOrWhiteSpace(reason) || reason.Length > Model.ReferralRules.MaxReasonLength)
        {
            Outcome = "Say why the record is restricted (at most 4,000 characters): nothing was changed.";
            return RedirectToPage(null, null, new { id }, "restriction");
        }

        Outcome = await restrictions.RestrictAsync(id, true, reason.Trim(), HttpContext, cancellationToken)
            ? "The record is restricted: only managers can find or read it, in every service."
            : "That person was not found.";
        return RedirectToPage(null, null, new { id }, "restriction");
    }

    public async Task<IActionResult> OnPostLiftAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!IsManager)
        {
            return Forbid();
        }

        Outcome = await restrictions.RestrictAsync(id, false, null, HttpContext, cancellationToken)
            ? "The restriction was lifted: the person's link workers can see their record again."
            : "That person was not found.";
        return RedirectToPage(null, null, new { id }, "restriction");
    }

    public async Task<IActionResult> OnPostUndoAsync(Guid id, Guid merge, CancellationToken cancellationToken)
    {
        if (!IsManager)
        {
            return Forbid();
        }

        var result = await merger.UndoAsync(id, merge, HttpContext, cancellationToken);
        Outcome = result.Outcome == MergeOutcome.Done ? "The merge was undone: each referral is back with its own record." : result.Problem ?? "That merge was not found.";
        return RedirectToPage(new { id });
    }
}
