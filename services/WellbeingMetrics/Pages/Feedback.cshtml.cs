using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SocialPrescribing.WellbeingMetrics.Features.GiveFeedback;
using SocialPrescribing.WellbeingMetrics.Infrastructure;
using SocialPrescribing.WellbeingMetrics.Model;

namespace SocialPrescribing.WellbeingMetrics.Pages;

/// <summary>
/// The person tells us how their experience was, from a one-time link, without an account: the Friends and Family Test
/// question (required) and two questions in their own words (optional). Anonymous; the link then closes (410 after).
/// </summary>
public sealed class FeedbackModel(WellbeingDbContext db, TimeProvider time) : PageModel
{
    [BindProperty] public string? Rating { get; set; }

    [BindProperty] public string? WentWell { get; set; }

    [BindProperty] public string? CouldBeBetter { get; set; }

    public FeedbackLinks.State State { get; private set; }

    public bool Done { get; private set; }

    /// <summary>Mistakes by field, in the form's order (messages in the person's language).</summary>
    public List<(string Field, string Message)> Errors { get; } = [];

    public string? Error(string field) => Errors.FirstOrDefault(e => e.Field == field).Message;

    public async Task<IActionResult> OnGetAsync(string token, bool done, CancellationToken cancellationToken)
    {
        await OpenAsync(token, cancellationToken);
        Done = done && State == FeedbackLinks.State.Used;
        if (Done)
        {
            Response.StatusCode = StatusCodes.Status200OK;
        }

        return Page();
    }

    /// <summary>The header's language switch: the same page in the chosen language, answers kept, nothing sent.</summary>
    public async Task<IActionResult> OnPostLanguageAsync(string token, CancellationToken cancellationToken)
    {
        await OpenAsync(token, cancellationToken);
        ModelState.Clear();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string token, CancellationToken cancellationToken)
    {
        var link = await OpenAsync(token, cancellationToken);
        if (link is null)
        {
            return Page();
        }

        var given = new FeedbackGiven(Rating, WentWell, CouldBeBetter, SocialPrescribing.WebUI.SuiteLanguages.IsWelsh ? "cy" : "en");
        Errors.AddRange(FeedbackLinks.Check(given).Select(e => (e.Field, FeedbackText.Get(e.MessageKey))));
        if (Errors.Count == 0)
        {
            if (await FeedbackLinks.AnswerAsync(db, link, given, time.GetUtcNow(), cancellationToken))
            {
                // Post, redirect, get: a refresh does not send it again.
                return Redirect($"{FeedbackLinks.FeedbackPath}{token}?done=true");
            }

            State = FeedbackLinks.State.Used;
            Response.StatusCode = StatusCodes.Status410Gone;
            return Page();
        }

        ViewData["HasErrors"] = true;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task<FeedbackLink?> OpenAsync(string token, CancellationToken cancellationToken)
    {
        var (state, link) = await FeedbackLinks.OpenAsync(db, token, time.GetUtcNow(), cancellationToken);
        State = state;
        Response.Headers.CacheControl = "no-store";
        Response.Headers["Referrer-Policy"] = "no-referrer";
        if (state != FeedbackLinks.State.Open)
        {
            // Unknown: 404; used once already or expired: 410 (gone for good).
            Response.StatusCode = state == FeedbackLinks.State.Unknown ? StatusCodes.Status404NotFound : StatusCodes.Status410Gone;
        }

        return state == FeedbackLinks.State.Open ? link : null;
    }
}
