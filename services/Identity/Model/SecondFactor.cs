namespace SocialPrescribing.Identity.Model;

/// <summary>
/// How a session was signed in, as the <c>amr</c> claim of the Identity cookie (RFC 8176): <c>pwd</c> after
/// a password alone (ASP.NET Core Identity sets it), <c>mfa</c> after a password and a code, or a passkey.
/// </summary>
public static class SecondFactor
{
    public const string Claim = "amr";
    public const string Passed = "mfa";

    public static bool WasPassed(System.Security.Claims.ClaimsPrincipal? principal) =>
        principal?.FindAll(Claim).Any(c => c.Value == Passed) == true;
}
