# The block as remoting sends it: as text (a scriptblock travels as its text, never as an object), with each $using:
# value taken here from the caller's scope. The values themselves (arguments, $using: values, input, and the output
# coming back) cross in the remoting protocol of the remote process (Private/RemoteRunspace.ps1), serialized there
# exactly as WinRM remoting serializes them.

function ConvertTo-LabRemoteScript {
    <# The block's text for the remote runspace, each $using:name rewritten to a variable $__labUsing<N>, and the
       values those variables take: the caller's $name, read here (its scope: the session state of the command that
       called Invoke-Command). Returns @{ Text; Using = @{ '__labUsing0' = value; ... } }. #>
    param([Parameter(Mandatory = $true)][scriptblock]$ScriptBlock, [Parameter(Mandatory = $true)]$Cmdlet)
    $ast = $ScriptBlock.Ast
    $text = $ast.Extent.Text
    $base = $ast.Extent.StartOffset
    $usings = @($ast.FindAll({ param($a) $a -is [System.Management.Automation.Language.UsingExpressionAst] }, $true))
    $values = @{}
    # From the last to the first, so the offsets of the earlier ones still hold.
    [array]::Reverse($usings)
    $index = $usings.Count
    foreach ($u in $usings) {
        $index--
        $name = $u.SubExpression.VariablePath.UserPath
        $variable = $Cmdlet.SessionState.PSVariable.Get($name)
        if ($null -eq $variable) {
            $message = "The value of the using variable '" + $u.Extent.Text + "' cannot be retrieved because it has not been set in the local session."
            throw (New-LabError -ExceptionType 'System.Management.Automation.RuntimeException' -Message $message `
                    -ErrorId 'UsingVariableIsUndefined,Microsoft.PowerShell.Commands.InvokeCommandCommand' -Category 'InvalidOperation' -Target $null)
        }
        $key = '__labUsing' + $index
        $values[$key] = $variable.Value
        $start = $u.Extent.StartOffset - $base
        $text = $text.Substring(0, $start) + '$' + $key + $text.Substring($start + $u.Extent.Text.Length)
    }
    # A block written as { ... } in a script: its extent holds the braces, remoting sends what is between them.
    if ($null -ne $ast.Parent) { $text = $text.Substring(1, $text.Length - 2) }
    return @{ Text = $text; Using = $values }
}
