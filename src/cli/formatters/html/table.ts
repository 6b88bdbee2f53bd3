/**
 * The deal table's browser script (inline in the report): rows come from a JSON script element;
 * sort by any column, filter by text, milestone and failing, 50 rows a page. Plain DOM, no library.
 */
export const TABLE_SCRIPT = `(function(){
var rows=JSON.parse(document.getElementById('deal-rows').textContent);
var W=JSON.parse(document.getElementById('table-words').textContent);
var PAGE=50,page=0,sortCol=-1,sortDir=1,view=rows;
var body=document.querySelector('#deals tbody'),info=document.getElementById('page-info');
var q=document.getElementById('filter'),ms=document.getElementById('milestone'),fo=document.getElementById('failing');
function fmt(n){return n==null?'':Math.round(n).toString().replace(/\\B(?=(\\d{3})+(?!\\d))/g,',')}
function cell(tag,text,cls){var e=document.createElement(tag);e.textContent=text;if(cls)e.className=cls;return e}
function apply(){var t=q.value.trim().toLowerCase(),m=ms.value,f=fo.checked;
view=rows.filter(function(r){return (!t||r[0].toLowerCase().indexOf(t)>=0||r[1].toLowerCase().indexOf(t)>=0)&&(!m||r[3]===m)&&(!f||r[6]>0)});
if(sortCol>=0){var c=sortCol;view=view.slice().sort(function(a,b){var x=a[c],y=b[c];if(x===y)return 0;if(x==null)return 1;if(y==null)return -1;return (x<y?-1:1)*sortDir})}
page=0;draw()}
function draw(){var pages=Math.max(1,Math.ceil(view.length/PAGE));if(page>=pages)page=pages-1;body.textContent='';
view.slice(page*PAGE,page*PAGE+PAGE).forEach(function(r){var tr=document.createElement('tr');
var id=document.createElement('td');if(r[10]>=0){var a=document.createElement('a');a.href='#card-'+r[10];a.textContent=r[0];id.appendChild(a)}else id.textContent=r[0];tr.appendChild(id);
tr.appendChild(cell('td',r[1],'meta'));tr.appendChild(cell('td',r[2],'num'));tr.appendChild(cell('td',W.milestones[r[3]]||r[3]));
tr.appendChild(cell('td',Math.round(r[4]*100)+'%','num'));tr.appendChild(cell('td',r[5],'nowrap'));
tr.appendChild(cell('td',r[6]||'',r[6]?'num sev-error':'num'));tr.appendChild(cell('td',r[7]||'',r[7]?'num sev-warn':'num'));
tr.appendChild(cell('td',r[8]==null?'':fmt(r[8])+(r[9]?' '+r[9]:''),'num nowrap'));body.appendChild(tr)});
info.textContent=W.page.replace('{page}',page+1).replace('{pages}',pages).replace('{rows}',view.length);
document.getElementById('prev').disabled=page===0;document.getElementById('next').disabled=page>=pages-1}
document.querySelectorAll('#deals th').forEach(function(th){var b=th.querySelector('button');b.addEventListener('click',function(){var c=Number(th.dataset.col);
sortDir=sortCol===c?-sortDir:(th.classList.contains('num')?-1:1);sortCol=c;
document.querySelectorAll('#deals th').forEach(function(o){o.removeAttribute('aria-sort')});th.setAttribute('aria-sort',sortDir>0?'ascending':'descending');apply()})});
q.addEventListener('input',apply);ms.addEventListener('change',apply);fo.addEventListener('change',apply);
document.getElementById('prev').addEventListener('click',function(){page--;draw()});
document.getElementById('next').addEventListener('click',function(){page++;draw()});
apply()})();`;
