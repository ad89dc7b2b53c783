using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SocialPrescribing.Identity.Infrastructure;
using SocialPrescribing.Identity.Model;
using SocialPrescribing.Privacy;

namespace SocialPrescribing.Identity.Pages.Account;

/// <summary>
/// Staff sign-in: a password, then a code from an authenticator app if the person has set one up; or a
/// passkey. Guessing is slowed by the throttle (<see cref="SignInThrottle"/>), never by a lock-out, and an
/// unknown account, a wrong password and a throttled account get answers that do not tell them apart.
/// </summary>
public sealed partial class LoginModel(
    SignInManager<ApplicationUser> signIn, UserManager<ApplicationUser> users, SignInAttempts attempts, KnownBrowsers browsers,
    MfaRequirement mfa, IHostEnvironment environment, ILogger<LoginModel> logger) : PageModel
{
    public const string NotRight = "The username or password is not right.";

    [BindProperty] public string? Username { get; set; }
    [BindProperty] public string? Password { get; set; }
    [BindProperty] public string? Credential { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public string? UsernameError { get; private set; }
    public string? PasswordError { get; private set; }
    public string? Problem { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(Username))
        {
            UsernameError = "Enter your username.";
        }

        if (string.IsNullOrEmpty(Password))
        {
            PasswordError = "Enter your password.";
        }

        if (UsernameError is not null || PasswordError is not null)
        {
            return Refused(StatusCodes.Status400BadRequest);
        }

        var user = await users.FindByNameAsync(Username!.Trim());
        if (user is not null && user.IsDevelopmentAccount && !environment.IsDevelopment())
        {
            user = null;
        }

        var attempt = await attempts.BeginAsync(HttpContext, Username, user?.Id, cancellationToken);
        if (attempt.Wait is not null)
        {
            LogThrottled(logger);
            return Throttled(attempt);
        }

        if (user is null)
        {
            SignInAttempts.CheckAgainstNobody(users.PasswordHasher, Password!);
            await attempt.FailedAsync(cancellationToken);
            LogUnknownAccount(logger, Username);
            Problem = NotRight;
            return Refused(StatusCodes.Status400BadRequest);
        }

        var result = await signIn.PasswordSignInAsync(user, Password!, isPersistent: false, lockoutOnFailure: false);
        if (result.RequiresTwoFactor)
        {
            await attempt.FirstStepPassedAsync(cancellationToken);
            return RedirectToPage("LoginCode", new { ReturnUrl = ReturnTo(ReturnUrl) });
        }

        if (!result.Succeeded)
        {
            // Wrong password, or an account an administrator has disabled: the same answer.
            await attempt.FailedAsync(cancellationToken);
            LogRefused(logger, user.UserName!);
            Problem = NotRight;
            return Refused(StatusCodes.Status400BadRequest);
        }

        await attempt.SucceededAsync(cancellationToken);
        browsers.Remember(HttpContext, user.Id);
        LogSignedIn(logger, user.UserName!);
        // Their role needs a second factor and they have none yet: set one up before anything else.
        return mfa.IsRequiredFor(await users.GetRolesAsync(user))
            ? RedirectToPage("Mfa", new { ReturnUrl = ReturnTo(ReturnUrl) })
            : LocalRedirect(ReturnTo(ReturnUrl));
    }

    /// <summary>The browser asks what a passkey must answer (a fresh challenge, kept in a short-lived cookie).</summary>
    public async Task<IActionResult> OnPostPasskeyOptionsAsync() =>
        Content(await signIn.MakePasskeyRequestOptionsAsync(user: null), "application/json");

    /// <summary>The browser's answer from a passkey: checked, then the person is signed in with two factors.</summary>
    public async Task<IActionResult> OnPostPasskeyAsync(CancellationToken cancellationToken)
    {
        // No account is named before the passkey is checked: failures count against the address.
        var attempt = await attempts.BeginAsync(HttpContext, accountName: null, userId: null, cancellationToken);
        if (attempt.Wait is not null)
        {
            LogThrottled(logger);
            return Throttled(attempt);
        }

        var result = string.IsNullOrWhiteSpace(Credential) ? null : await signIn.PerformPasskeyAssertionAsync(Credential);
        if (result is not { Succeeded: true } || (result.User.IsDevelopmentAccount && !environment.IsDevelopment())
            || !await signIn.CanSignInAsync(result.User))
        {
            await attempt.FailedAsync(cancellationToken);
            LogPasskeyRefused(logger, result?.Failure?.Message ?? (result is null ? "no credential from the browser" : "account may not sign in"));
            Problem = "That passkey could not be used to sign in. Try again, or sign in with your username and password.";
            return Refused(StatusCodes.Status400BadRequest);
        }

        var user = result.User;
        await users.AddOrUpdatePasskeyAsync(user, result.Passkey);
        await signIn.SignInWithClaimsAsync(user, isPersistent: false, [new Claim(SecondFactor.Claim, SecondFactor.Passed)]);
        await attempt.SucceededAsync(cancellationToken);
        browsers.Remember(HttpContext, user.Id);
        LogSignedIn(logger, user.UserName!);
        return LocalRedirect(ReturnTo(ReturnUrl));
    }

    private IActionResult Throttled(SignInAttempt attempt)
    {
        Problem = attempt.Refuse(Response) + " If you have forgotten your password, ask an administrator.";
        return Refused(StatusCodes.Status429TooManyRequests);
    }

    private PageResult Refused(int status)
    {
        Password = null;
        ViewData["HasErrors"] = true;
        Response.StatusCode = status;
        return Page();
    }

    private string ReturnTo(string? url) => Url.IsLocalUrl(url) ? url! : "/";

    // User names are classified: the logging pipeline erases them, so ops see that it happened, not to whom.
    [LoggerMessage(Level = LogLevel.Information, Message = "Staff sign-in succeeded for {UserName}")]
    private static partial void LogSignedIn(ILogger logger, [Identifying] string userName);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sign-in refused for {UserName}: wrong password or disabled account")]
    private static partial void LogRefused(ILogger logger, [Identifying] string userName);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sign-in refused for unknown or disallowed account {UserName}")]
    private static partial void LogUnknownAccount(ILogger logger, [Identifying] string userName);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sign-in throttled after repeated failures")]
    private static partial void LogThrottled(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Passkey sign-in refused: {Reason}")]
    private static partial void LogPasskeyRefused(ILogger logger, string reason);
}
