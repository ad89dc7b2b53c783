using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SocialPrescribing.Messaging.Audit;
using SocialPrescribing.WellbeingMetrics.Features;
using SocialPrescribing.WellbeingMetrics.Features.CreateCompletionLink;
using SocialPrescribing.WellbeingMetrics.Features.ReadCaseWellbeing;
using SocialPrescribing.WellbeingMetrics.Infrastructure;
using SocialPrescribing.WellbeingMetrics.Model;

namespace SocialPrescribing.WellbeingMetrics.Pages;

/// <summary>
/// A case's wellbeing for its link worker: per instrument the explanation to share with the person,
/// the change and whether it is meaningful, a chart of the scores over time with the same figures in a
/// table, and a one-time link to send for the next questionnaire.
/// </summary>
public sealed class CaseWellbeingModel(WellbeingDbContext db, TimeProvider time, IAuthorizationService authorization) : PageModel
{
    public bool Forbidden { get; private set; }

    public CaseWellbeing? Summary { get; private set; }

    public IReadOnlyList<InstrumentDefinition> Instruments { get; private set; } = [];

    public IReadOnlyDictionary<string, ScoreChart> Charts { get; private set; } = new Dictionary<string, ScoreChart>();

    [BindProperty] public string? LinkInstrument { get; set; }

    [BindProperty] public string? LinkTimepoint { get; set; }

    public LinkView? NewLink { get; private set; }

    public string? LinkError { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid caseId, CancellationToken cancellationToken) =>
        await LoadAsync(caseId, cancellationToken) ? Page() : NotFoundOrForbidden();

    /// <summary>Makes a one-time link through the same path as the API.</summary>
    public async Task<IActionResult> OnPostLinkAsync(Guid caseId, CancellationToken cancellationToken)
    {
        if (!(await authorization.AuthorizeAsync(User, AccessPolicies.ScoreRecorder)).Succeeded)
        {
            Forbidden = true;
            Response.StatusCode = StatusCodes.Status403Forbidden;
            return Page();
        }

        var services = new WellbeingServices(db, time, HttpContext);
        var (result, errors) = await CreateCompletionLinkHandler.MakeAsync(services, caseId, LinkInstrument, LinkTimepoint, cancellationToken);
        NewLink = result;
        LinkError = errors is null ? null : string.Join(" ", errors.ToDictionary().Values.SelectMany(v => v));
        if (!await LoadAsync(caseId, cancellationToken))
        {
            return NotFoundOrForbidden();
        }

        if (LinkError is not null)
        {
            ViewData["HasErrors"] = true;
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        return Page();
    }

    private IActionResult NotFoundOrForbidden()
    {
        Response.StatusCode = Forbidden ? StatusCodes.Status403Forbidden : StatusCodes.Status404NotFound;
        return Page();
    }

    private async Task<bool> LoadAsync(Guid caseId, CancellationToken cancellationToken)
    {
        if (!(await authorization.AuthorizeAsync(User, AccessPolicies.ScoreReader)).Succeeded)
        {
            Forbidden = true;
            return false;
        }

        var services = new WellbeingServices(db, time, HttpContext);
        Summary = await CaseWellbeing.LoadAsync(services, caseId, cancellationToken);
        if (Summary is null)
        {
            return false;
        }

        Instruments = [.. (await db.Instruments.AsNoTracking().OrderBy(i => i.Id).ToListAsync(cancellationToken)).Select(i => i.Definition)];
        // The summary's assessments are in date order already: the item charts read their answers.
        Charts = Summary.Instruments.ToDictionary(
            p => p.Instrument,
            p => p.Items is null
                ? ScoreChart.For(p, Instruments.Single(i => i.Id == p.Instrument))
                : ScoreChart.ForItems(Instruments.Single(i => i.Id == p.Instrument), Summary.Assessments));
        db.Audit(HttpContext, "read", "case-wellbeing", [caseId], time);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }
}
