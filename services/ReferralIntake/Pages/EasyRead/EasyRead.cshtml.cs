using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SocialPrescribing.ReferralIntake.Features.SubmitReferral;
using SocialPrescribing.ReferralIntake.Model;
using SocialPrescribing.Validation;

namespace SocialPrescribing.ReferralIntake.Pages.EasyRead;

/// <summary>One question of the easy-read form: its words' key, the rules' fields it answers, and its picture.</summary>
public sealed record EasyReadQuestion(string Key, IReadOnlyList<string> Paths, string Icon);

/// <summary>
/// The easy-read self-referral (Accessible Information Standard): short sentences, one question a page, a picture with
/// a text alternative beside each. The answers travel with each page (nothing is kept between pages); each page's
/// answers are checked by the referral rules, showing that page's mistakes only; sending makes the same referral as the
/// full form (<see cref="ReferralFormModel"/>: same rules, same store, same confirmation).
/// </summary>
public sealed class EasyReadModel(SubmitReferralHandler submitter, TimeProvider time) : ReferralFormModel(submitter, time)
{
    public const string Path = "/refer/easy-read";

    public static readonly IReadOnlyList<EasyReadQuestion> Questions =
    [
        new("start", [], "people"),
        new("name", ["person.givenName", "person.familyName"], "person"),
        new("born", ["person.dateOfBirth"], "calendar"),
        new("postcode", ["person.postcode"], "house"),
        new("contact", ["person.phone", "person.email"], "phone"),
        new("help", ["needs"], "heart"),
        new("hurtSelf", ["risk.harmToSelf"], "shield"),
        new("hurtOthers", ["risk.harmToOthers"], "shield"),
        new("cope", ["risk.inCrisis"], "shield"),
        new("share", ["consent.shareWithLinkWorker"], "share"),
        new("doctor", ["consent.shareWithGp"], "doctor"),
        new("check", [], "tick"),
    ];

    public override FormVoice Voice => FormVoice.Person;

    protected override string Channel => ReferralChannel.Self;

    protected override string ConfirmationPage => "/ReferConfirmation";

    /// <summary>Which question is shown (0: the start page; the last: check and send).</summary>
    [BindProperty] public int Step { get; set; }

    public EasyReadQuestion Question => Questions[Math.Clamp(Step, 0, Questions.Count - 1)];

    /// <summary>Questions counted for "Question 3 of 10" (not the start page or the check page).</summary>
    public static int QuestionCount => Questions.Count - 2;

    public bool IsCheckPage => Step >= Questions.Count - 1;

    /// <summary>Whether a field is answered on the page shown (its value is an input there, not carried hidden).</summary>
    public bool AnsweredHere(string path) => Question.Paths.Contains(path);

    /// <summary>Next: this page's answers are checked; right, the next question; wrong, this page again with its mistakes.</summary>
    public IActionResult OnPostNext()
    {
        ModelState.Clear();
        Step = Math.Clamp(Step, 0, Questions.Count - 1);
        var all = new ValidationErrors();
        Errors = all; // a date of birth that is not a date is noted while reading it
        ReferralRules.Validate(Submission(), Today, all);
        var mine = new ValidationErrors();
        foreach (var (path, messages) in all.ToDictionary().Where(e => Question.Paths.Any(p => e.Key == p || e.Key.StartsWith(p + "[", StringComparison.Ordinal))))
        {
            foreach (var message in messages)
            {
                mine.Add(path, message);
            }
        }

        Errors = mine;
        if (mine.IsEmpty)
        {
            Step = Math.Min(Step + 1, Questions.Count - 1);
        }
        else
        {
            ViewData["HasErrors"] = true;
        }

        return Page();
    }

    public IActionResult OnPostBack()
    {
        ModelState.Clear();
        Step = Math.Clamp(Step - 1, 0, Questions.Count - 1);
        return Page();
    }

    /// <summary>"Change" on the check page: that question again, with every answer kept.</summary>
    public IActionResult OnPostChange(int to)
    {
        ModelState.Clear();
        Step = Math.Clamp(to, 1, Questions.Count - 2);
        return Page();
    }

    /// <summary>Send: the full form's checks and store; a mistake found now goes back to its question.</summary>
    public async Task<IActionResult> OnPostSendAsync(CancellationToken cancellationToken)
    {
        var result = await OnPostAsync(cancellationToken);
        if (result is PageResult)
        {
            var wrong = Questions.Select((q, i) => (q, i)).FirstOrDefault(x => x.q.Paths.Any(p => ErrorFor(p) is not null));
            Step = wrong.q is null ? Questions.Count - 1 : wrong.i;
        }

        return result;
    }
}
