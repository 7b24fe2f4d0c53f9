# A loop as llc prints it: scripts/cpu-pipes.py --loop-of counts the
# instructions from the loop header comment of llc to the loop's jump.
	vbroadcastss	.LCPI0_0(%rip), %zmm1
.LBB0_2:                                # =>This Inner Loop Header: Depth=1
	vmovups	(%r14,%rdi,4), %zmm20
	vandps	%zmm0, %zmm20, %zmm21
	vmulps	%zmm21, %zmm21, %zmm22
	vfmadd213ps	%zmm2, %zmm22, %zmm24   # zmm24 = (zmm22 * zmm24) + zmm2
	vfnmadd231ps	%zmm21, %zmm23, %zmm24
	vsubps	%zmm24, %zmm2, %zmm25
	vpermps	%zmm3, %zmm25, %zmm26
	vpsubd	%zmm14, %zmm23, %zmm23
	vdivps	%zmm22, %zmm24, %zmm23
	vmovups	%zmm20, (%rcx,%rdi,4)
	addq	$16, %rdi
	cmpq	$65535, %rdi
	jle	.LBB0_2
	vmulps	%zmm1, %zmm1, %zmm1
