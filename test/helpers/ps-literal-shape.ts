// What counts as a data literal in a parsed script, for tests that check where user text landed. The script builder
// (electron/common/powershell/script.ts) writes text as 'printable ASCII' or, with anything else in it, as
// ('PE' + [char]0x00D1 + 'A'): a parenthesised + chain whose first operand is a string (a literal, or [string][char]N)
// and whose other operands are literals or [char]N. [MsaShape]::Literal reads such an expression's value from the AST
// alone, without running anything, and returns null for anything else. C# (Add-Type, compiled once per session):
// the same walk in PowerShell takes ~200 ms for one exported plan script, too slow for a thousand of them.

/** Defines [MsaShape]: Literal(ast) and Shape(text), a script's code tokens with each data literal as one token S. */
export const LITERAL_SHAPE_TYPE = String.raw`
if (-not ('MsaShape' -as [type])) {
Add-Type -TypeDefinition @'
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation.Language;

public static class MsaShape
{
    static string Part(Ast ast, bool first)
    {
        var text = ast as StringConstantExpressionAst;
        if (text != null) return text.StringConstantType == StringConstantType.SingleQuoted ? text.Value : null;
        var cast = ast as ConvertExpressionAst;
        if (cast == null) return null;
        var type = cast.Type.TypeName.FullName;
        var code = cast.Child as ConstantExpressionAst;
        if (type == "char" && !first && code != null && code.Value is int) return ((char)(int)code.Value).ToString();
        // The first operand decides what + does: [string][char]N, never a bare [char].
        if (type == "string" && first && cast.Child is ConvertExpressionAst) return Part(cast.Child, false);
        return null;
    }

    static string Chain(ExpressionAst ast)
    {
        var plus = ast as BinaryExpressionAst;
        if (plus == null || plus.Operator != TokenKind.Plus) return Part(ast, true);
        var left = Chain(plus.Left);
        var right = Part(plus.Right, false);
        return left == null || right == null ? null : left + right;
    }

    /** The value of a data literal, or null when the node is anything else. */
    public static string Literal(Ast ast)
    {
        if (ast is StringConstantExpressionAst) return Part(ast, true);
        var paren = ast as ParenExpressionAst;
        var pipeline = paren == null ? null : paren.Pipeline as PipelineAst;
        if (pipeline == null || pipeline.PipelineElements.Count != 1) return null;
        var expression = pipeline.PipelineElements[0] as CommandExpressionAst;
        return expression == null ? null : Chain(expression.Expression);
    }

    /**
     * A script's shape: its tokens without comments, each outermost data literal as the one token S; the values of
     * those literals; the parse errors. Two scripts that differ only inside data literals have the same shape.
     */
    public static Dictionary<string, object> Shape(string text)
    {
        Token[] tokens;
        ParseError[] errors;
        var ast = Parser.ParseInput(text, out tokens, out errors);
        var outer = new List<Ast>();
        foreach (var node in ast.FindAll(n => Literal(n) != null, true)
            .OrderBy(n => n.Extent.StartOffset).ThenByDescending(n => n.Extent.EndOffset))
        {
            if (outer.Count > 0 && node.Extent.StartOffset < outer[outer.Count - 1].Extent.EndOffset) continue;
            outer.Add(node);
        }
        var parts = new List<string>();
        var k = 0;
        foreach (var token in tokens)
        {
            if (token.Kind == TokenKind.Comment) continue;
            while (k < outer.Count && outer[k].Extent.EndOffset <= token.Extent.StartOffset) k++;
            if (k < outer.Count && token.Extent.StartOffset >= outer[k].Extent.StartOffset)
            {
                if (token.Extent.StartOffset == outer[k].Extent.StartOffset) parts.Add("S");
                continue;
            }
            parts.Add(token.Kind + ":" + token.Text);
        }
        return new Dictionary<string, object> {
            { "errors", errors.Select(e => e.ErrorId).ToArray() },
            { "shape", string.Join("\n", parts) },
            { "values", outer.Select(Literal).ToArray() },
        };
    }
}
'@
}
`;
