/**
 * The only program of the HTML report: sorts the user table by a clicked column and filters it by
 * text and home server (both can be preset in the address: `#q=anna&server=dc-ucs-01`). Plain
 * ES5, no network, no library. A table written out whole is sorted and filtered in place; a large
 * one (its rows as JSON beside it) shows the first matching rows, more on request. Without
 * the script a written-out table is complete and unsorted.
 */
export const USER_TABLE_SCRIPT = `(function(){
var t=document.getElementById('user-table');if(!t)return;
var tb=t.tBodies[0],q=document.getElementById('user-table-q'),sel=document.getElementById('user-table-server'),out=document.getElementById('user-table-count');
var col=+t.getAttribute('data-filter-col'),tpl=out.getAttribute('data-tpl'),lang=document.documentElement.lang;
var dataEl=document.getElementById('user-table-data'),more=document.getElementById('user-table-more'),page=+(t.getAttribute('data-page')||0),limit=page;
var items=[],i,rs;
if(dataEl){rs=JSON.parse(dataEl.textContent);for(i=0;i<rs.length;i++)items.push({c:rs[i],r:null,k:null});}
else{rs=tb.rows;for(i=0;i<rs.length;i++)items.push({c:null,r:rs[i],k:null});}
var coll=new Intl.Collator(lang,{numeric:true,sensitivity:'base'});
function fmt(n){return n.toLocaleString(lang)}
function cellOf(it,c){return it.c?it.c[c]||'':(it.r.cells[c]?it.r.cells[c].textContent:'')}
function keyOf(it){if(it.k===null)it.k=(it.c?it.c.join(' '):it.r.textContent).toLowerCase();return it.k}
function esc(s){return s.replace(/&/g,'&amp;').replace(/</g,'&lt;')}
function rowHtml(it){var s='<tr>';for(var j=0;j<it.c.length;j++)s+='<td>'+esc(it.c[j])+'</td>';return s+'</tr>'}
function apply(){var v=q.value.trim().toLowerCase(),sv=sel.value,n=0,j,it,ok,html=[];
for(j=0;j<items.length;j++){it=items[j];ok=(!sv||cellOf(it,col)===sv)&&(!v||keyOf(it).indexOf(v)>=0);
if(it.r){if(it.r.hidden===ok)it.r.hidden=!ok}else if(ok&&n<limit)html.push(rowHtml(it));if(ok)n++}
if(dataEl){tb.innerHTML=html.join('');more.hidden=n<=limit;more.textContent=more.getAttribute('data-tpl').replace('{n}',fmt(Math.min(page,n-limit)))}
out.textContent=tpl.replace('{shown}',fmt(dataEl?Math.min(n,limit):n)).replace('{total}',fmt(items.length));}
var ths=t.tHead?t.tHead.rows[0].cells:[],sorted=-1,dir=1;
function sortBy(c){dir=sorted===c?-dir:1;sorted=c;
var keyed=items.map(function(it,ix){return{it:it,s:cellOf(it,c),ix:ix}});
keyed.sort(function(a,b){return dir*coll.compare(a.s,b.s)||a.ix-b.ix});
items=keyed.map(function(x){return x.it});
if(!dataEl){var f=document.createDocumentFragment();for(var j=0;j<items.length;j++)f.appendChild(items[j].r);tb.appendChild(f)}
for(var k=0;k<ths.length;k++)ths[k].removeAttribute('aria-sort');ths[c].setAttribute('aria-sort',dir>0?'ascending':'descending');
if(dataEl)apply();}
for(i=0;i<ths.length;i++)(function(c){ths[c].tabIndex=0;ths[c].addEventListener('click',function(){sortBy(c)});
ths[c].addEventListener('keydown',function(e){if(e.key==='Enter'||e.key===' '){e.preventDefault();sortBy(c)}})})(i);
function reset(){limit=page;apply()}
q.addEventListener('input',reset);sel.addEventListener('change',reset);
if(more)more.addEventListener('click',function(){limit+=page;apply()});
var h=location.hash.match(/[#&]q=([^&]*)/),hs=location.hash.match(/[#&]server=([^&]*)/);
if(h)q.value=decodeURIComponent(h[1]);if(hs)sel.value=decodeURIComponent(hs[1]);
apply();})();`;
