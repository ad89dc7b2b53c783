using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SocialPrescribing.Validation;
using SocialPrescribing.WellbeingMetrics.Features;
using SocialPrescribing.WellbeingMetrics.Features.CompleteQuestionnaire;
using SocialPrescribing.WellbeingMetrics.Infrastructure;
using SocialPrescribing.WellbeingMetrics.Model;

namespace SocialPrescribing.WellbeingMetrics.Pages;

/// <summary>
/// The person completes a questionnaire from a one-time link, without an account. The questions are
/// rendered from the instrument's definition; every question must be answered; the link then closes.
/// </summary>
public sealed class CompleteModel(WellbeingDbContext db, TimeProvider time) : PageModel
{
    /// <summary>Answers by item key, as the radios post them.</summary>
    [BindProperty] public Dictionary<string, string?> Answers { get; set; } = [];

    /// <summary>The answer to the instrument's extra question, if it has one (optional).</summary>
    [BindProperty] public string? Extra { get; set; }

    public CompletionLinks.State State { get; private set; }

    public InstrumentDefinition? Instrument { get; private set; }

    /// <summary>The instrument as the person reads it: its validated wording in their language where it has one.</summary>
    public InstrumentDefinition? Shown { get; private set; }

    /// <summary>The language the questions are shown in, sent back with the answers and recorded with the score.</summary>
    [BindProperty] public string? AnsweredIn { get; set; }

    /// <summary>The person chose Welsh and the instrument has no validated Welsh wording: the page says so and asks in English.</summary>
    public bool NoValidatedWelsh => SocialPrescribing.WebUI.SuiteLanguages.IsWelsh && Shown is not null && !WelshShown;

    /// <summary>Errors by item key, in question order.</summary>
    public List<(string Key, string Message)> Errors { get; } = [];

    public bool Done { get; private set; }

    public string? Error(string key) => Errors.FirstOrDefault(e => e.Key == key).Message;

    /// <summary>What each answer means, from the definition's labels (or the number with the item's end labels).</summary>
    public static string Label(InstrumentDefinition instrument, InstrumentItem item, int value)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        ArgumentNullException.ThrowIfNull(item);
        var label = instrument.ResponseOptions.FirstOrDefault(o => o.Value == value)?.Label ?? value.ToString(CultureInfo.InvariantCulture);
        return value == item.Min && item.LowLabel is { } low ? $"{label} ({low})"
            : value == item.Max && item.HighLabel is { } high ? $"{label} ({high})"
            : label;
    }

    public async Task<IActionResult> OnGetAsync(string token, bool done, CancellationToken cancellationToken)
    {
        await OpenAsync(token, cancellationToken);
        Done = done && State == CompletionLinks.State.Used;
        if (Done)
        {
            Response.StatusCode = StatusCodes.Status200OK;
        }

        return Page();
    }

    /// <summary>The header's language switch on the questions: the same page in the chosen language, answers kept, nothing sent.</summary>
    public async Task<IActionResult> OnPostLanguageAsync(string token, CancellationToken cancellationToken)
    {
        await OpenAsync(token, cancellationToken);
        ModelState.Clear();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string token, CancellationToken cancellationToken)
    {
        var shownIn = AnsweredIn; // the wording the person answered, as their page said
        var link = await OpenAsync(token, cancellationToken);
        if (link is null || Instrument is null)
        {
            return Page();
        }

        var responses = new List<int>();
        foreach (var item in Instrument.Items)
        {
            if (Answers.GetValueOrDefault(item.Key) is { } text && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
                && value >= item.Min && value <= item.Max)
            {
                responses.Add(value);
            }
            else
            {
                Errors.Add((item.Key, CompletionText.Format("Error.Choose", item.Number)));
            }
        }

        var extra = string.IsNullOrEmpty(Extra) ? null : Extra;
        if (extra is not null && Instrument.Supplementary?.Answers.Contains(extra) != true)
        {
            Errors.Add(("extra", CompletionText.Get("Error.Extra")));
        }

        if (Errors.Count == 0)
        {
            var errors = new ValidationErrors();
            // Recorded in the language the questions were shown in, which is Welsh only where validated wording exists.
            var language = shownIn == AssessmentLanguages.Welsh && Instrument.In(AssessmentLanguages.Welsh) is not null ? AssessmentLanguages.Welsh : AssessmentLanguages.English;
            var outcome = await CompletionLinks.CompleteAsync(new WellbeingServices(db, time, HttpContext), link, responses, extra, language, errors, cancellationToken);
            if (outcome.Assessment is not null || outcome.Conflict)
            {
                // Post, redirect, get: a refresh does not send the answers again (the link is used up anyway).
                return Redirect($"{CompletionLinks.CompletePath}{token}?done=true");
            }

            Errors.Add((Instrument.Items[0].Key, CompletionText.Get("Error.NotSaved")));
        }

        ViewData["HasErrors"] = true;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task<CompletionLink?> OpenAsync(string token, CancellationToken cancellationToken)
    {
        var (state, link, instrument) = await CompletionLinks.OpenAsync(new WellbeingServices(db, time, HttpContext), token, cancellationToken);
        State = state;
        Instrument = instrument;
        Shown = instrument?.WordedIn(SocialPrescribing.WebUI.SuiteLanguages.IsWelsh ? AssessmentLanguages.Welsh : AssessmentLanguages.English);
        AnsweredIn = WelshShown ? AssessmentLanguages.Welsh : AssessmentLanguages.English;
        Response.Headers.CacheControl = "no-store";
        Response.Headers["Referrer-Policy"] = "no-referrer";
        if (state != CompletionLinks.State.Open)
        {
            Response.StatusCode = state == CompletionLinks.State.Unknown ? StatusCodes.Status404NotFound : StatusCodes.Status410Gone;
        }

        return state == CompletionLinks.State.Open ? link : null;
    }

    /// <summary>Whether the questions are shown in Welsh: the person chose Welsh and the instrument has validated Welsh wording.</summary>
    private bool WelshShown => SocialPrescribing.WebUI.SuiteLanguages.IsWelsh && Instrument?.In(AssessmentLanguages.Welsh) is not null;
}
