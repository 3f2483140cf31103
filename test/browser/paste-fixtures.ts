/* eslint-disable no-irregular-whitespace -- Chinese documents indent with full-width spaces (U+3000), as pasted. */
/**
 * Clipboard HTML as editors paste it (kept as strings: a formatter must never "fix" them). Written after
 * what Word 2016 (Windows, Chinese), WPS Office and a portal page built with the TRS editor put on the
 * clipboard: conditional comments, `<xml>` islands, `mso-*` styles, `<o:p>`, `<font face>`, list bullets in
 * `<![if !supportLists]>`, VML images with `file:///` sources, a Google Docs wrapper, a script.
 */

/** A notice typed in Word: a heading, indented paragraphs, a numbered list with a Wingdings sub-bullet, a table, a link. */
export const WORD_HTML = String.raw`<html xmlns:v="urn:schemas-microsoft-com:vml"
xmlns:o="urn:schemas-microsoft-com:office:office"
xmlns:w="urn:schemas-microsoft-com:office:word"
xmlns:m="http://schemas.microsoft.com/office/2004/12/omml"
xmlns="http://www.w3.org/TR/REC-html40">

<head>
<meta http-equiv=Content-Type content="text/html; charset=utf-8">
<meta name=ProgId content=Word.Document>
<meta name=Generator content="Microsoft Word 15">
<meta name=Originator content="Microsoft Word 15">
<link rel=File-List
href="file:///C:/Users/ZHANGW~1/AppData/Local/Temp/msohtmlclip1/01/clip_filelist.xml">
<!--[if gte mso 9]><xml>
 <o:OfficeDocumentSettings>
  <o:AllowPNG/>
 </o:OfficeDocumentSettings>
</xml><![endif]-->
<!--[if gte mso 9]><xml>
 <w:WordDocument>
  <w:View>Normal</w:View>
  <w:Zoom>0</w:Zoom>
  <w:TrackMoves/>
  <w:PunctuationKerning/>
  <w:DrawingGridVerticalSpacing>7.8 磅</w:DrawingGridVerticalSpacing>
  <w:DisplayHorizontalDrawingGridEvery>0</w:DisplayHorizontalDrawingGridEvery>
  <w:ValidateAgainstSchemas/>
  <w:Compatibility>
   <w:SpaceForUL/>
   <w:BalanceSingleByteDoubleByteWidth/>
   <w:UseFELayout/>
  </w:Compatibility>
 </w:WordDocument>
</xml><![endif]-->
<style>
<!--
 /* Font Definitions */
 @font-face
	{font-family:宋体;
	panose-1:2 1 6 0 3 1 1 1 1 1;
	mso-font-charset:134;}
@font-face
	{font-family:仿宋_GB2312;
	mso-font-charset:134;}
 /* Style Definitions */
 p.MsoNormal, li.MsoNormal, div.MsoNormal
	{mso-style-unhide:no;
	margin:0cm;
	text-align:justify;
	text-justify:inter-ideograph;
	font-size:10.5pt;
	font-family:等线;}
p.MsoListParagraph, li.MsoListParagraph, div.MsoListParagraph
	{mso-style-priority:34;
	margin:0cm;
	text-indent:21.0pt;}
 /* List Definitions */
 @list l0
	{mso-list-id:1325547391;
	mso-list-type:hybrid;}
@list l0:level1
	{mso-level-text:"%1\.";
	mso-level-tab-stop:none;}
-->
</style>
</head>

<body lang=ZH-CN style='tab-interval:21.0pt;text-justify-trim:punctuation'>
<!--StartFragment-->

<h1 style='margin:0cm;text-align:center;line-height:28.0pt'><span
style='font-size:22.0pt;font-family:方正小标宋简体;mso-hansi-font-family:宋体'>关于做好2026年冬季供暖保障工作的通知<span
lang=EN-US><o:p></o:p></span></span></h1>

<p class=MsoNormal style='text-indent:32.0pt;mso-char-indent-count:2.0;
line-height:28.0pt;mso-line-height-rule:exactly'><span style='font-size:16.0pt;
font-family:仿宋_GB2312;color:#333333'>　　各区县人民政府，市政府各部门：<span lang=EN-US><o:p></o:p></span></span></p>

<p class=MsoNormal style='text-indent:32.0pt;mso-char-indent-count:2.0;
line-height:28.0pt;mso-line-height-rule:exactly'><span style='font-size:16.0pt;
font-family:仿宋_GB2312'>为切实做好今冬明春供暖保障工作，确保群众温暖过冬，经市政府同意，现将有关事项通知如下。<span
lang=EN-US><o:p></o:p></span></span></p>

<p class=MsoNormal style='text-indent:32.0pt;mso-char-indent-count:2.0;
line-height:28.0pt;mso-line-height-rule:exactly'><b><span style='font-size:16.0pt;
font-family:黑体'>一、</span></b><b><span style='font-size:16.0pt;font-family:黑体'>总体要求<span
lang=EN-US><o:p></o:p></span></span></b></p>

<p class=MsoListParagraph style='margin-left:18.0pt;text-indent:-18.0pt;
mso-list:l0 level1 lfo1'><![if !supportLists]><span lang=EN-US
style='font-size:16.0pt;font-family:仿宋_GB2312;mso-fareast-font-family:仿宋_GB2312'><span
style='mso-list:Ignore'>1.<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;
</span></span></span><![endif]><span style='font-size:16.0pt;font-family:仿宋_GB2312'>供热企业于<span
lang=EN-US>11</span>月<span lang=EN-US>15</span>日前完成试运行；<span lang=EN-US><o:p></o:p></span></span></p>

<p class=MsoListParagraph style='margin-left:18.0pt;text-indent:-18.0pt;
mso-list:l0 level1 lfo1'><![if !supportLists]><span lang=EN-US
style='font-size:16.0pt;font-family:仿宋_GB2312'><span style='mso-list:Ignore'>2.<span
style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp; </span></span></span><![endif]><span
style='font-size:16.0pt;font-family:仿宋_GB2312'>居民室内温度不低于<span lang=EN-US>18</span>℃；<span
lang=EN-US><o:p></o:p></span></span></p>

<p class=MsoListParagraph style='margin-left:39.0pt;text-indent:-18.0pt;
mso-list:l0 level2 lfo1'><![if !supportLists]><span lang=EN-US
style='font-family:Wingdings;mso-fareast-font-family:Wingdings'><span
style='mso-list:Ignore'>§<span style='font:7.0pt "Times New Roman"'>&nbsp; </span></span></span><![endif]><span
style='font-size:16.0pt;font-family:仿宋_GB2312'>低保家庭另行补贴。<span lang=EN-US><o:p></o:p></span></span></p>

<p class=MsoListParagraph style='margin-left:18.0pt;text-indent:-18.0pt;
mso-list:l0 level1 lfo1'><![if !supportLists]><span lang=EN-US
style='font-size:16.0pt;font-family:仿宋_GB2312'><span style='mso-list:Ignore'>3.<span
style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp; </span></span></span><![endif]><span
style='font-size:16.0pt;font-family:仿宋_GB2312'>热线电话<span lang=EN-US>12345</span>全天受理。<span
lang=EN-US><o:p></o:p></span></span></p>

<p class=MsoNormal><span lang=EN-US><o:p>&nbsp;</o:p></span></p>

<table class=MsoTableGrid border=1 cellspacing=0 cellpadding=0
 style='border-collapse:collapse;border:none;mso-border-alt:solid windowtext .5pt;
 mso-yfti-tbllook:1184;mso-padding-alt:0cm 5.4pt 0cm 5.4pt'>
 <tr style='mso-yfti-irow:0;mso-yfti-firstrow:yes'>
  <td width=138 valign=top style='width:103.7pt;border:solid windowtext 1.0pt;
  mso-border-alt:solid windowtext .5pt;padding:0cm 5.4pt 0cm 5.4pt'>
  <p class=MsoNormal><b><span style='font-family:宋体'>区县<span lang=EN-US><o:p></o:p></span></span></b></p>
  </td>
  <td width=138 valign=top style='width:103.7pt;border:solid windowtext 1.0pt;
  border-left:none;padding:0cm 5.4pt 0cm 5.4pt'>
  <p class=MsoNormal><b><span style='font-family:宋体'>供暖面积（万平方米）<span lang=EN-US><o:p></o:p></span></span></b></p>
  </td>
 </tr>
 <tr style='mso-yfti-irow:1;mso-yfti-lastrow:yes'>
  <td width=138 valign=top style='width:103.7pt;border:solid windowtext 1.0pt;
  border-top:none;padding:0cm 5.4pt 0cm 5.4pt'>
  <p class=MsoNormal><span style='font-family:宋体'>青川区<span lang=EN-US><o:p></o:p></span></span></p>
  </td>
  <td width=138 valign=top style='width:103.7pt;border-top:none;border-left:
  none;border-bottom:solid windowtext 1.0pt;border-right:solid windowtext 1.0pt;
  padding:0cm 5.4pt 0cm 5.4pt'>
  <p class=MsoNormal><span lang=EN-US>1280</span></p>
  </td>
 </tr>
</table>

<p class=MsoNormal style='text-indent:32.0pt'><span style='font-size:16.0pt;
font-family:仿宋_GB2312'>详见<a href="https://www.example.gov.cn/zwgk/2026/heating.html"><span
style='color:#0563C1'>市住建局供暖专页</span></a>，或致电<i>市供热办</i>。<span lang=EN-US><!--[if gte vml 1]><v:shape
 id="图片_x0020_1" o:spid="_x0000_i1025" type="#_x0000_t75" style='width:200pt;height:100pt'>
 <v:imagedata src="file:///C:/Users/ZHANGW~1/AppData/Local/Temp/msohtmlclip1/01/clip_image001.png" o:title=""/>
</v:shape><![endif]--><![if !vml]><img width=267 height=133
src="file:///C:/Users/ZHANGW~1/AppData/Local/Temp/msohtmlclip1/01/clip_image002.png" v:shapes="图片_x0020_1"><![endif]></span><span
lang=EN-US><o:p></o:p></span></p>

<p class=MsoNormal align=right style='text-align:right'><span style='font-size:16.0pt;font-family:仿宋_GB2312'>青川市人民政府办公室<span lang=EN-US><o:p></o:p></span></span></p>

<!--EndFragment-->
</body>

</html>
`;

/** A report typed in WPS Office: `<font face>` inside spans, 4-decimal sizes, a 1. 2. list, （一） numbering, a merged cell. */
export const WPS_HTML = String.raw`<html xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w="urn:schemas-microsoft-com:office:word"><head><meta http-equiv=Content-Type content="text/html; charset=utf-8"><meta name=ProgId content=Word.Document><meta name=Generator content="WPS Office"><meta name=Originator content="WPS Office"><!--[if gte mso 9]><xml><w:WordDocument><w:BrowserLevel>MicrosoftInternetExplorer4</w:BrowserLevel><w:DisplayHorizontalDrawingGridEvery>0</w:DisplayHorizontalDrawingGridEvery></w:WordDocument></xml><![endif]--><style>
@font-face{font-family:"Times New Roman";}@font-face{font-family:"宋体";}@font-face{font-family:"仿宋_GB2312";}
p.MsoNormal{mso-style-name:正文;mso-style-parent:"";margin:0pt;margin-bottom:.0001pt;font-family:Calibri;font-size:10.5000pt;}
span.msoIns{mso-style-type:export-only;mso-style-name:"";text-decoration:underline;}
@list l0:level1{mso-level-number-format:decimal;mso-level-text:"%1.";}
</style></head><body><!--StartFragment--><p class=MsoNormal align=center style="text-align:center;"><b><span style="mso-spacerun:'yes';font-family:宋体;font-weight:bold;font-size:22.0000pt;mso-font-kerning:1.0000pt;"><font face="宋体">青川市</font>2026年政府信息公开工作年度报告</span></b><span style="mso-spacerun:'yes';font-family:宋体;font-size:22.0000pt;"><o:p></o:p></span></p><p class=MsoNormal style="text-indent:32.0000pt;mso-char-indent-count:2.0000;"><span style="mso-spacerun:'yes';font-family:仿宋_GB2312;font-size:16.0000pt;color:rgb(255,0,0);mso-font-kerning:1.0000pt;"><font face="仿宋_GB2312">本报告根据</font></span><span style="mso-spacerun:'yes';font-family:仿宋_GB2312;font-weight:bold;font-size:16.0000pt;"><font face="仿宋_GB2312">《中华人民共和国政府信息公开条例》</font></span><span style="mso-spacerun:'yes';font-family:仿宋_GB2312;font-size:16.0000pt;"><font face="仿宋_GB2312">编制。</font></span><span style="mso-spacerun:'yes';font-family:仿宋_GB2312;font-size:16.0000pt;"><o:p></o:p></span></p><p class=MsoNormal style="text-indent:32.0000pt;"><span style="mso-spacerun:'yes';font-family:仿宋_GB2312;font-size:16.0000pt;"><o:p>&nbsp;</o:p></span></p><p class=MsoListParagraph style="margin-left:18.0000pt;text-indent:-18.0000pt;mso-list:l0 level1 lfo1;"><![if !supportLists]><span style="font-family:仿宋_GB2312;font-size:16.0000pt;"><span style='mso-list:Ignore;'>1.<span>&nbsp;</span></span></span><![endif]><span style="mso-spacerun:'yes';font-family:仿宋_GB2312;font-size:16.0000pt;"><font face="仿宋_GB2312">主动公开政府信息</font>1562条；</span></p><p class=MsoListParagraph style="margin-left:18.0000pt;text-indent:-18.0000pt;mso-list:l0 level1 lfo1;"><![if !supportLists]><span style="font-family:仿宋_GB2312;font-size:16.0000pt;"><span style='mso-list:Ignore;'>2.<span>&nbsp;</span></span></span><![endif]><span style="mso-spacerun:'yes';font-family:仿宋_GB2312;font-size:16.0000pt;"><font face="仿宋_GB2312">受理依申请公开</font>87件。</span></p><p class=MsoListParagraph style="margin-left:18.0000pt;text-indent:-18.0000pt;mso-list:l1 level1 lfo2;"><![if !supportLists]><span style="font-family:仿宋_GB2312;font-size:16.0000pt;"><span style='mso-list:Ignore;'>（一）<span>&nbsp;</span></span></span><![endif]><span style="mso-spacerun:'yes';font-family:仿宋_GB2312;font-size:16.0000pt;"><font face="仿宋_GB2312">规章制度建设情况</font></span></p><table class=MsoNormalTable border=1 cellspacing=0 style="border-collapse:collapse;width:415.3000pt;mso-table-layout-alt:fixed;border:none;mso-border-left-alt:0.5000pt solid windowtext;"><tr><td width=276 valign=top colspan=2 style="width:207.6500pt;padding:0.0000pt 5.4000pt 0.0000pt 5.4000pt ;border-left:0.5000pt solid windowtext;"><p class=MsoNormal align=center style="text-align:center;"><span style="font-family:宋体;font-size:12.0000pt;"><font face="宋体">信息内容</font></span></p></td><td width=276 valign=top style="width:207.6500pt;"><p class=MsoNormal><span style="font-family:宋体;font-size:12.0000pt;"><font face="宋体">数量</font></span></p></td></tr><tr><td width=138 valign=top><p class=MsoNormal><span><font face="宋体">规章</font></span></p></td><td width=138 valign=top><p class=MsoNormal><span><font face="宋体">规范性文件</font></span></p></td><td width=276 valign=top><p class=MsoNormal><span>3</span></p></td></tr></table><p class=MsoNormal><span style="mso-spacerun:'yes';font-family:Calibri;font-size:10.5000pt;"><o:p>&nbsp;</o:p></span></p><!--EndFragment--></body></html>
`;

/** A portal news page (TRS editor) copied from the browser. */
export const WEB_HTML = String.raw`<meta charset='utf-8'><div class="TRS_Editor" style="color: rgb(51, 51, 51); font-family: &quot;Microsoft YaHei&quot;; font-size: 16px; background-color: rgb(255, 255, 255);"><style type="text/css">.TRS_Editor P{line-height:2;font-family:宋体;font-size:12pt;}</style><div class="Custom_UnionStyle"><p style="text-indent: 2em; margin: 0px 0px 15px;">　　<span style="font-family: 宋体; font-size: 12pt;">11月25日，市政府召开常务会议，研究部署冬季安全生产工作。</span></p><p style="text-align: center;" align="center"><img src="https://www.example.gov.cn/images/2026-11/W020261125_01.jpg" alt="会议现场" oldsrc="W020261125_01.jpg" style="border: 0px; max-width: 600px;"></p><p style="text-indent: 2em;"><strong style="color: red;">会议强调</strong>，要压实<span style="font-weight: bold;">企业主体责任</span>。<a href="javascript:void(0)" onclick="share()">分享</a> <a href="https://www.example.gov.cn/zcwj/">相关政策</a></p><div>各区县要抓好落实。<br>市应急局负责督导。</div><ul style="list-style: disc;"><li style="color: #666;"><span>排查隐患</span></li><li><p>加强值守</p><ul><li>节假日24小时值班</li></ul></li></ul><p><br></p><p>&nbsp;</p><script>window.trs = 1;</script><b style="font-weight:normal;" id="docs-internal-guid-1a2b3c"><span style="font-size:11pt;">责任单位：市应急管理局</span></b></div></div>
`;
